#include "cli/replication_wire.hpp"

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace dayopps::cli {

namespace {

class Writer {
 public:
  template <typename T>
  void value(const T& v) {
    const auto* bytes = reinterpret_cast<const std::byte*>(&v);
    buffer_.insert(buffer_.end(), bytes, bytes + sizeof(T));
  }
  template <typename Table>
  void table(const Table& t) {
    value(static_cast<std::int64_t>(t.rows()));
    value(static_cast<std::int64_t>(t.cols()));
    const auto* bytes = reinterpret_cast<const std::byte*>(t.data());
    buffer_.insert(buffer_.end(), bytes, bytes + static_cast<std::size_t>(t.size()) * sizeof(t(0, 0)));
  }
  std::vector<std::byte> take() { return std::move(buffer_); }

 private:
  std::vector<std::byte> buffer_;
};

class Reader {
 public:
  explicit Reader(std::span<const std::byte> message) : message_(message) {}
  template <typename T>
  T value() {
    T v;
    std::memcpy(&v, take(sizeof(T)).data(), sizeof(T));
    return v;
  }
  template <typename Table>
  void table(Table& t) {
    const auto rows = value<std::int64_t>();
    const auto cols = value<std::int64_t>();
    constexpr std::int64_t kMaxCells = std::int64_t{1} << 40;
    if (rows < 0 || cols < 0 || (cols > 0 && rows > kMaxCells / cols) ||
        (Table::ColsAtCompileTime != Eigen::Dynamic && cols != Table::ColsAtCompileTime)) {
      throw std::runtime_error("replication message: a table has an impossible shape");
    }
    t.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
    const std::size_t bytes = static_cast<std::size_t>(rows * cols) * sizeof(t(0, 0));
    if (bytes > 0) std::memcpy(static_cast<void*>(t.data()), take(bytes).data(), bytes);
  }
  void expect_end() const {
    if (offset_ != message_.size()) throw std::runtime_error("replication message: bytes left over");
  }

 private:
  std::span<const std::byte> take(std::size_t bytes) {
    if (bytes > message_.size() - offset_) throw std::runtime_error("replication message: truncated");
    const auto part = message_.subspan(offset_, bytes);
    offset_ += bytes;
    return part;
  }
  std::span<const std::byte> message_;
  std::size_t offset_ = 0;
};

constexpr std::uint32_t kWireVersion = 1;

// The one list of what a replication holds, in message order, used both ways so they cannot drift apart.
template <typename Output, typename Visit>
void visit_tables(Output& o, Visit&& visit) {
  visit(o.population.counts);
  visit(o.deaths.counts);
  visit(o.additions.counts);
  visit(o.removals.counts);
  visit(o.people_with_condition);
  visit(o.deaths_with_condition);
  visit(o.service_users);
  visit(o.service_demand);
  visit(o.service_waiting);
  visit(o.service_starters);
  visit(o.service_leavers);
  visit(o.service_user_deaths);
  visit(o.service_user_moves);
  visit(o.centre_users);
  visit(o.service_unmet);
  visit(o.people_affected);
  visit(o.service_cost);
}

}  // namespace

std::vector<std::byte> pack_replication(const model::ReplicationOutput& output) {
  Writer writer;
  writer.value(kWireVersion);
  writer.value(static_cast<std::int32_t>(output.population.first_year));
  writer.value(static_cast<std::int32_t>(output.deaths.first_year));
  writer.value(static_cast<std::int32_t>(output.additions.first_year));
  writer.value(static_cast<std::int32_t>(output.removals.first_year));
  for (const double p : output.parameters) writer.value(p);
  visit_tables(output, [&](const auto& table) { writer.table(table); });
  return writer.take();
}

model::ReplicationOutput unpack_replication(std::span<const std::byte> message) {
  Reader reader(message);
  if (reader.value<std::uint32_t>() != kWireVersion)
    throw std::runtime_error("replication message: another version of dayopps sent it");
  model::ReplicationOutput output;
  output.population.first_year = reader.value<std::int32_t>();
  output.deaths.first_year = reader.value<std::int32_t>();
  output.additions.first_year = reader.value<std::int32_t>();
  output.removals.first_year = reader.value<std::int32_t>();
  for (double& p : output.parameters) p = reader.value<double>();
  visit_tables(output, [&](auto& table) { reader.table(table); });
  reader.expect_end();
  return output;
}

}  // namespace dayopps::cli
