#pragma once
// The subset of std::expected that policylint uses, for toolchains that ship neither
// std::expected nor tl::expected (clang 14 with libstdc++ 12 — the fuzzing build). Included
// only by core/expected.hpp. Built on std::variant, so copying, moving and destruction are
// the variant's.
#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace policylint {

template <class E> class unexpected {
public:
  explicit unexpected(E error) : m_error(std::move(error)) {}
  [[nodiscard]] const E& error() const& { return m_error; }
  [[nodiscard]] E& error() & { return m_error; }
  [[nodiscard]] E&& error() && { return std::move(m_error); }

private:
  E m_error;
};

template <class T, class E> class expected {
public:
  expected() requires std::is_default_constructible_v<T> : m_state(std::in_place_index<0>) {}
  template <class U = T>
    requires(std::is_constructible_v<T, U &&> && !std::is_same_v<std::remove_cvref_t<U>, expected> &&
             !std::is_same_v<std::remove_cvref_t<U>, unexpected<E>>)
  expected(U&& value) : m_state(std::in_place_index<0>, std::forward<U>(value)) {}
  template <class G> expected(unexpected<G> error) : m_state(std::in_place_index<1>, std::move(error).error()) {}

  [[nodiscard]] bool has_value() const { return m_state.index() == 0; }
  explicit operator bool() const { return has_value(); }

  [[nodiscard]] T& operator*() & { return std::get<0>(m_state); }
  [[nodiscard]] const T& operator*() const& { return std::get<0>(m_state); }
  [[nodiscard]] T&& operator*() && { return std::get<0>(std::move(m_state)); }
  [[nodiscard]] T* operator->() { return &std::get<0>(m_state); }
  [[nodiscard]] const T* operator->() const { return &std::get<0>(m_state); }
  [[nodiscard]] T& value() & { return std::get<0>(m_state); }
  [[nodiscard]] const T& value() const& { return std::get<0>(m_state); }
  template <class U> [[nodiscard]] T value_or(U&& fallback) const& {
    return has_value() ? **this : static_cast<T>(std::forward<U>(fallback));
  }

  [[nodiscard]] E& error() & { return std::get<1>(m_state); }
  [[nodiscard]] const E& error() const& { return std::get<1>(m_state); }
  [[nodiscard]] E&& error() && { return std::get<1>(std::move(m_state)); }

private:
  std::variant<T, E> m_state;
};

template <class E> class expected<void, E> {
public:
  expected() = default;
  template <class G> expected(unexpected<G> error) : m_error(std::move(error).error()), m_ok(false) {}

  [[nodiscard]] bool has_value() const { return m_ok; }
  explicit operator bool() const { return m_ok; }
  [[nodiscard]] E& error() & { return m_error; }
  [[nodiscard]] const E& error() const& { return m_error; }
  [[nodiscard]] E&& error() && { return std::move(m_error); }

private:
  E m_error{};
  bool m_ok = true;
};

} // namespace policylint
