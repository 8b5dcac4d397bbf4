// Numbers as text are the same in every locale: parsed and formatted identically under "C" and under a
// locale whose decimal separator is a comma.
#include "common/number_text.h"

#include <gtest/gtest.h>

#include <clocale>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "shared_test_support.h"

namespace w4rl {
namespace {

TEST(NumberText, ParsesWholeNumbersOnly) {
  EXPECT_EQ(parseDouble("-0.40000000000000002"), -0.4);
  EXPECT_EQ(parseDouble("1e-4"), 1e-4);
  EXPECT_EQ(parseDouble("+0.5"), 0.5);
  EXPECT_EQ(parseDouble("3"), 3.0);
  EXPECT_TRUE(std::isinf(*parseDouble("inf")));
  EXPECT_TRUE(std::isnan(*parseDouble("nan")));
  for (const char* bad : {"", "+", "0,5", " 1", "1 ", "1.5x", "--1", "+-1", "1e999", "abc"})
    EXPECT_FALSE(parseDouble(bad).has_value()) << bad;

  EXPECT_EQ(parseInt("42"), 42);
  EXPECT_EQ(parseInt("-1"), -1);
  EXPECT_EQ(parseInt("+7"), 7);
  for (const char* bad : {"", "1.0", "1e3", "9223372036854775808", " 3", "3 ", "0x10"})
    EXPECT_FALSE(parseInt(bad).has_value()) << bad;
}

TEST(NumberText, FormatsRoundTripAndFixed) {
  EXPECT_EQ(formatDouble(-0.4), "-0.4");
  EXPECT_EQ(formatDouble(0.1), "0.1");
  EXPECT_EQ(formatDouble(2.0), "2");
  for (double x : {1.0 / 3.0, 1e-300, 6.02214076e23, -0.0078125, std::numeric_limits<double>::max()})
    EXPECT_EQ(parseDouble(formatDouble(x)), x) << formatDouble(x);
  EXPECT_EQ(formatFixed(0.5, 2), "0.50");
  EXPECT_EQ(formatFixed(-1.25, 1), "-1.2");
  EXPECT_EQ(formatC("%.1f%% of %d, %g", 34.5, 200, 1e-4), "34.5% of 200, 0.0001");
  const std::string longText(1000, 'x');
  EXPECT_EQ(formatC("%s %.3f", longText.c_str(), 2.5), longText + " 2.500");
}

TEST(NumberText, IgnoresACommaDecimalLocale) {
  const std::string before = formatC("%.3f %g", 1.5, 0.25) + formatDouble(-0.4) + formatFixed(2.25, 2);
  test::CommaLocale comma;
  W4RL_REQUIRE_COMMA_LOCALE(comma);
  char plain[32];
  std::snprintf(plain, sizeof plain, "%.1f", 0.5);
  ASSERT_STREQ(plain, "0,5") << "the locale " << comma.name() << " should write a decimal comma";
  EXPECT_EQ(formatC("%.3f %g", 1.5, 0.25) + formatDouble(-0.4) + formatFixed(2.25, 2), before);
  EXPECT_EQ(parseDouble("-0.40000000000000002"), -0.4);
  EXPECT_FALSE(parseDouble("0,5").has_value());
  // The thread's own locale is restored after formatC.
  std::snprintf(plain, sizeof plain, "%.1f", 0.5);
  EXPECT_STREQ(plain, "0,5");
}

}  // namespace
}  // namespace w4rl
