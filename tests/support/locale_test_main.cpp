// The main() of every GoogleTest binary but the studio's (whose QApplication does the same): the C
// library's locale follows the environment, as it does in the studio. Run under LC_ALL=de_DE.UTF-8 (as CI
// does), the suite then checks that no number the engine reads or writes depends on the user's locale.
#include <gtest/gtest.h>

#include <clocale>

int main(int argc, char** argv) {
  std::setlocale(LC_ALL, "");
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
