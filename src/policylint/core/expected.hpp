#pragma once
// The one place that decides which `expected` the project uses: tl::expected when the build
// found it (POLICYLINT_HAVE_TL_EXPECTED), else C++23 std::expected, else — for toolchains
// with neither, such as clang 14 on libstdc++ 12, which the fuzzing build needs — the small
// implementation in minimal_expected.hpp. No other file may depend on which one was chosen:
// use Result, fail() and the macros.

#if defined(POLICYLINT_HAVE_TL_EXPECTED)
#include <tl/expected.hpp>
namespace policylint {
template <class T, class E> using expected = tl::expected<T, E>;
template <class E> using unexpected = tl::unexpected<E>;
} // namespace policylint
#else
#include <version>
#if defined(__cpp_lib_expected)
#include <expected>
namespace policylint {
template <class T, class E> using expected = std::expected<T, E>;
template <class E> using unexpected = std::unexpected<E>;
} // namespace policylint
#else
#include <policylint/core/minimal_expected.hpp>
#endif
#endif

#include <policylint/core/error.hpp>

namespace policylint {

template <class T> using Result = expected<T, Error>;

[[nodiscard]] inline unexpected<Error> fail(Error error) { return unexpected<Error>(std::move(error)); }

} // namespace policylint

// Propagate an error from an expression returning Result<void>.
#define POLICYLINT_TRY(expr)                                                                       \
  do {                                                                                             \
    auto policylint_try_result_ = (expr);                                                          \
    if (!policylint_try_result_) {                                                                 \
      return ::policylint::fail(std::move(policylint_try_result_).error());                        \
    }                                                                                              \
  } while (false)

#define POLICYLINT_CONCAT_INNER(a, b) a##b
#define POLICYLINT_CONCAT(a, b) POLICYLINT_CONCAT_INNER(a, b)

// Bind `var` to the value of a Result, or return its error.
#define POLICYLINT_TRY_ASSIGN(var, expr)                                                           \
  auto POLICYLINT_CONCAT(policylint_try_, __LINE__) = (expr);                                      \
  if (!POLICYLINT_CONCAT(policylint_try_, __LINE__)) {                                             \
    return ::policylint::fail(std::move(POLICYLINT_CONCAT(policylint_try_, __LINE__)).error());   \
  }                                                                                                \
  var = std::move(*POLICYLINT_CONCAT(policylint_try_, __LINE__))
