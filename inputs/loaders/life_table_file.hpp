#pragma once
// ONS national life tables in long form: area,period,sex,age,mx,qx,lx,dx,ex (ages 0..100 per period and sex).
#include <filesystem>
#include <string>
#include <vector>

#include "model/life_table.hpp"

namespace dayopps::inputs {

struct LifeTableSex {
  std::vector<double> mx, qx, dx;  // by single year of age from 0

  model::LifeTableColumns columns() const { return {mx, qx, dx}; }
};

struct LifeTable {
  std::string area;
  std::string period;
  LifeTableSex female, male;
};

// Reads the rows of one period. Validates header, sex, age 0..100, qx in [0, 1], mx and dx >= 0,
// no duplicate (period, sex, age), every age present for both sexes. Throws InputError.
LifeTable load_life_table(const std::filesystem::path& file, const std::string& period);

}  // namespace dayopps::inputs
