#include "inputs/loaders/data_sources.hpp"

#include <cmath>
#include <sstream>

#include "inputs/loaders/toml_fields.hpp"

namespace dayopps::inputs {

const DataSource& DataSources::describe(const std::filesystem::path& data_file) const {
  const std::string name = data_file.filename().string();
  for (const DataSource& s : sources) {
    if (s.file_name == name) return s;
  }
  throw InputError({manifest, 0, 0, "file.name"},
                   "no entry for '" + name + "': add its publisher, table and licence before using it");
}

DataSources load_data_sources(const std::filesystem::path& manifest) {
  const toml::table root = parse_toml_file(manifest);
  const TomlFields top(manifest, root, "");
  top.only_keys({"file"});
  DataSources result;
  result.manifest = manifest;
  const toml::array* files = top.optional_array_of_tables("file");
  if (files == nullptr) throw top.error("file", "the manifest lists no [[file]] entries");
  for (const toml::node& entry : *files) {
    const TomlFields f(manifest, *entry.as_table(), "file");
    f.only_keys({"name", "title", "publisher", "table", "licence", "url", "found_at", "notes", "published_total"});
    DataSource source;
    source.file_name = f.string("name");
    source.title = f.string("title");
    source.publisher = f.string("publisher");
    source.table = f.string("table");
    source.licence = f.string("licence");
    source.url = f.optional_string("url").value_or("");
    source.found_at = f.optional_string("found_at").value_or("");
    source.notes = f.optional_string("notes").value_or("");
    if (const toml::array* totals = f.optional_array_of_tables("published_total")) {
      for (const toml::node& t : *totals) {
        const TomlFields tf(manifest, *t.as_table(), "file.published_total");
        tf.only_keys({"area_code", "year", "sex", "persons", "tolerance"});
        PublishedTotal total;
        total.area_code = tf.optional_string("area_code").value_or("");
        total.year = static_cast<int>(tf.integer("year", 1900, 2200));
        const std::string sex = tf.optional_string("sex").value_or("all");
        if (sex == "female") {
          total.sex = 0;
        } else if (sex == "male") {
          total.sex = 1;
        } else if (sex != "all") {
          throw tf.error("sex", "'" + sex + "' is not one of: all,female,male");
        }
        total.persons = tf.optional_number("persons", 0.0, 1e10).value_or(-1.0);
        if (total.persons < 0.0) throw tf.error("persons", "required key is missing");
        total.tolerance = tf.optional_number("tolerance", 0.0, 1e6).value_or(0.5);
        total.line = static_cast<long>(t.source().begin.line);
        source.published_totals.push_back(total);
      }
    }
    // Two entries for one file would leave which provenance (and which published totals) apply to chance.
    for (const DataSource& earlier : result.sources) {
      if (earlier.file_name == source.file_name) throw f.error("name", "'" + source.file_name + "' is described twice");
    }
    result.sources.push_back(std::move(source));
  }
  return result;
}

void check_published_totals(const std::vector<PopulationTable>& areas, const std::filesystem::path& data_file,
                            const DataSource& source, const std::filesystem::path& manifest) {
  for (const PublishedTotal& total : source.published_totals) {
    const std::string stated = manifest.string() + " line " + std::to_string(total.line);
    const PopulationTable* table = nullptr;
    if (total.area_code.empty()) {
      if (areas.size() != 1) {
        throw InputError({manifest, total.line, 0, "file.published_total.area_code"},
                         "the total needs an area_code: " + data_file.filename().string() + " holds " +
                             std::to_string(areas.size()) + " areas");
      }
      table = &areas.front();
    } else {
      for (const PopulationTable& area : areas) {
        if (area.area_code == total.area_code) table = &area;
      }
      if (table == nullptr) {
        // The manifest states a total for an area the file lacks: the entry is what to correct (or the file).
        throw InputError({manifest, total.line, 0, "file.published_total.area_code"},
                         "'" + total.area_code + "', but " + data_file.string() + " has no rows for that area");
      }
    }
    if (total.year < table->first_year || total.year > table->last_year()) {
      throw InputError({data_file, 0, 0, "year"}, "has no rows for " + std::to_string(total.year) + ", for which " +
                                                      stated + " states a published total");
    }
    const double sum = total.sex < 0 ? table->total(total.year) : table->total(total.year, total.sex);
    if (std::abs(sum - total.persons) > total.tolerance) {
      std::ostringstream text;
      text.precision(12);
      text << "totals do not add up: " << (areas.size() > 1 ? table->area_code + " " : std::string()) << total.year
           << " "
           << (total.sex < 0    ? "both sexes"
               : total.sex == 0 ? "female"
                                : "male")
           << " sums to " << sum << " but the published total is " << total.persons << " (" << stated << ")";
      throw InputError({data_file, 0, 0, "population"}, text.str());
    }
  }
}

}  // namespace dayopps::inputs
