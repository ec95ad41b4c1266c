#include <policylint/query/mask_memo.hpp>

#include <mutex>
#include <string>
#include <unordered_map>

namespace policylint::query {
namespace {

// 18,000 actions make a mask of about 2.3 KB: 1,024 lists hold 2.4 MB, the lists an account
// shares most come first, and a hostile input of distinct lists cannot grow the memo with it.
constexpr std::size_t k_max_lists = 1024;

struct Memo {
  std::mutex lock;
  std::unordered_map<std::string, std::vector<bool>> masks;
};

Memo& memo() {
  static Memo m;
  return m;
}

} // namespace

std::vector<bool> shared_match_mask(const catalog::Catalog& catalog, std::string_view key,
                                    std::span<const std::string_view> patterns) {
  // Only the embedded catalog lives as long as the process: another one (loaded by a test)
  // could be freed and a new one take its address.
  if (&catalog != &catalog::embedded_catalog()) {
    return catalog.match_mask(patterns);
  }
  Memo& m = memo();
  {
    const std::lock_guard guard(m.lock);
    if (const auto it = m.masks.find(std::string(key)); it != m.masks.end()) {
      return it->second;
    }
  }
  std::vector<bool> mask = catalog.match_mask(patterns); // outside the lock: the other core goes on
  const std::lock_guard guard(m.lock);
  if (m.masks.size() < k_max_lists) {
    m.masks.try_emplace(std::string(key), mask);
  }
  return mask;
}

} // namespace policylint::query
