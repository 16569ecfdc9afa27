#include "outputs/hdf5_writer.hpp"

#include <H5Cpp.h>
#include <hdf5_hl.h>

#include <map>
#include <numeric>
#include <stdexcept>

namespace dayopps::outputs {

namespace {

H5::StrType utf8_string_type() {
  H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  type.setCset(H5T_CSET_UTF8);
  return type;
}

void write_attribute(H5::H5Object& object, const std::string& name, const Attribute& value) {
  const H5::DataSpace scalar(H5S_SCALAR);
  if (const auto* text = std::get_if<std::string>(&value)) {
    const H5::StrType type = utf8_string_type();
    object.createAttribute(name, type, scalar).write(type, *text);
  } else if (const auto* signed_value = std::get_if<std::int64_t>(&value)) {
    object.createAttribute(name, H5::PredType::NATIVE_INT64, scalar).write(H5::PredType::NATIVE_INT64, signed_value);
  } else {
    const auto* unsigned_value = std::get_if<std::uint64_t>(&value);
    object.createAttribute(name, H5::PredType::NATIVE_UINT64, scalar)
        .write(H5::PredType::NATIVE_UINT64, unsigned_value);
  }
}

void write_attributes(H5::H5Object& object, const Attributes& attributes) {
  for (const auto& [name, value] : attributes) write_attribute(object, name, value);
}

template <typename Values>
H5::DataSet write_array(H5::Group& group, const std::string& name, const std::vector<hsize_t>& shape,
                        const Values& values) {
  const hsize_t expected = std::accumulate(shape.begin(), shape.end(), hsize_t{1}, std::multiplies<>());
  if (expected != values.size()) {
    throw std::logic_error("results variable " + name + " has " + std::to_string(values.size()) +
                           " values but its dimensions hold " + std::to_string(expected));
  }
  const H5::DataSpace space(static_cast<int>(shape.size()), shape.data());
  using Value = typename Values::value_type;
  if constexpr (std::is_same_v<Value, std::string>) {
    const H5::StrType type = utf8_string_type();
    H5::DataSet dataset = group.createDataSet(name, type, space);
    std::vector<const char*> pointers;
    pointers.reserve(values.size());
    for (const std::string& s : values) pointers.push_back(s.c_str());
    if (!values.empty()) dataset.write(pointers.data(), type);
    return dataset;
  } else {
    const H5::PredType& type = std::is_same_v<Value, double> ? H5::PredType::NATIVE_DOUBLE : H5::PredType::NATIVE_INT32;
    H5::DataSet dataset = group.createDataSet(name, type, space);
    if (!values.empty()) dataset.write(values.data(), type);
    return dataset;
  }
}

void write_group(H5::H5File& file, const Group& group) {
  // Nested names ("scenarios/<name>/services") create their parent groups on the way.
  H5::LinkCreatPropList link_properties;
  link_properties.setCreateIntermediateGroup(true);
  H5::Group h5_group = file.createGroup("/" + group.name, link_properties);
  write_attributes(h5_group, group.attributes);

  std::map<std::string, H5::DataSet> scales;
  std::map<std::string, hsize_t> sizes;
  for (const Dimension& dimension : group.dimensions) {
    H5::DataSet scale =
        std::visit([&](const auto& values) { return write_array(h5_group, dimension.name, {values.size()}, values); },
                   dimension.values);
    if (H5DSset_scale(scale.getId(), dimension.name.c_str()) < 0) {
      throw std::runtime_error("could not make " + group.name + "/" + dimension.name + " a dimension scale");
    }
    write_attributes(scale, dimension.attributes);
    sizes[dimension.name] = dimension.size();
    scales.emplace(dimension.name, std::move(scale));
  }

  for (const Variable& variable : group.variables) {
    std::vector<hsize_t> shape;
    for (const std::string& dimension : variable.dimensions) {
      const auto found = sizes.find(dimension);
      if (found == sizes.end()) throw std::logic_error(variable.name + " uses unknown dimension " + dimension);
      shape.push_back(found->second);
    }
    H5::DataSet dataset = std::visit(
        [&](const auto& values) { return write_array(h5_group, variable.name, shape, values); }, variable.data);
    for (std::size_t axis = 0; axis < variable.dimensions.size(); ++axis) {
      if (H5DSattach_scale(dataset.getId(), scales.at(variable.dimensions[axis]).getId(), static_cast<unsigned>(axis)) <
          0) {
        throw std::runtime_error("could not attach dimension " + variable.dimensions[axis] + " to " + variable.name);
      }
    }
    write_attributes(dataset, variable.attributes);
  }
}

}  // namespace

void write_hdf5(const ResultsDocument& document, const std::filesystem::path& file) {
  H5::Exception::dontPrint();  // errors surface as exceptions with a message, not as HDF5's stack dump
  try {
    H5::H5File h5(file.string(), H5F_ACC_TRUNC);
    write_attributes(h5, document.attributes);
    for (const Group& group : document.groups) write_group(h5, group);
    h5.close();
  } catch (const H5::Exception& e) {
    throw std::runtime_error("writing " + file.string() + " failed: " + e.getDetailMsg());
  }
}

}  // namespace dayopps::outputs
