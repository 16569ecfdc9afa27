# Coventry's rows (E08000026) appended from the bundled West Midlands projection: a run of Birmingham ignores them
{ print }
END {
  other = ENVIRON["DAYOPPS_SOURCE_DIR"] "/inputs/data/west_midlands_met_snpp2022_population_by_sex_age.csv"
  while ((getline line < other) > 0) if (line ~ /^E08000026,/) print line
}
