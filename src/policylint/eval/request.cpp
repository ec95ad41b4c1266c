#include <policylint/eval/request.hpp>

#include <policylint/eval/ascii.hpp>

#include <algorithm>

namespace policylint::eval {

namespace {

bool is_lower(const std::string& key) {
  return std::none_of(key.begin(), key.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

} // namespace

void Request::set_context(std::string key, std::vector<std::string> values) {
  for (char& c : key) {
    c = ascii_lower(c);
  }
  context.insert_or_assign(std::move(key), std::move(values));
}

void Request::add_context(std::string key, std::string value) {
  for (char& c : key) {
    c = ascii_lower(c);
  }
  context[std::move(key)].push_back(std::move(value));
}

void Request::remove_context(const std::string& key) {
  context.erase(ascii_lowered(key));
}

const std::vector<std::string>* Request::context_values(const std::string& key) const {
  // Condition keys are looked up for every condition of every evaluation: avoid a fresh
  // lower-cased copy when the key is already lower case, and reuse one buffer otherwise.
  if (is_lower(key)) {
    const auto it = context.find(key);
    return it == context.end() ? nullptr : &it->second;
  }
  thread_local std::string buffer;
  buffer.assign(key);
  for (char& c : buffer) {
    c = ascii_lower(c);
  }
  const auto it = context.find(buffer);
  return it == context.end() ? nullptr : &it->second;
}

} // namespace policylint::eval
