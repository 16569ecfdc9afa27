#pragma once
#include <filesystem>

#include "outputs/results_document.hpp"

namespace dayopps::outputs {

// Writes the document as HDF5: one HDF5 group per Group, each dimension a 1-D dataset marked as an HDF5
// dimension scale and attached to every variable that uses it, so netCDF-aware readers (xarray with
// h5netcdf) see labelled axes. Strings are variable-length UTF-8. Throws std::runtime_error on failure.
// Writes `file` directly: use AtomicOutputFile to publish it only when complete.
void write_hdf5(const ResultsDocument& document, const std::filesystem::path& file);

}  // namespace dayopps::outputs
