#pragma once
// Minimal 3-vector arithmetic for task logic and scripted experts.
#include <algorithm>
#include <array>
#include <cmath>

namespace w4rl::sim {

using Vec3 = std::array<double, 3>;

inline Vec3 operator+(const Vec3& a, const Vec3& b) {
  return {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
}
inline Vec3 operator-(const Vec3& a, const Vec3& b) {
  return {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
}
inline Vec3 operator*(double s, const Vec3& a) {
  return {s * a[0], s * a[1], s * a[2]};
}
inline double norm(const Vec3& a) {
  return std::sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
}
inline double normXY(const Vec3& a) {
  return std::hypot(a[0], a[1]);
}
inline Vec3 toVec3(const double* p) {
  return {p[0], p[1], p[2]};
}

}  // namespace w4rl::sim
