# inputs/tools/snpp_z1_to_long.py, the documented way to add areas: ONS's wide Z1 layout, rebuilt here from
# the bundled West Midlands file, converts back to that file byte for byte; a file whose ages do not add up
# to its "All ages" row is refused with exit 2 and nothing written.
source "$(dirname "$0")/lib.sh"
CONVERT="$DAYOPPS_SOURCE_DIR/inputs/tools/snpp_z1_to_long.py"
BUNDLED="$DAYOPPS_SOURCE_DIR/inputs/data/west_midlands_met_snpp2022_population_by_sex_age.csv"

"$PYTHON" - "$BUNDLED" "$WORK" <<'PY'
import csv, sys
from collections import defaultdict
rows = defaultdict(dict)  # (sex, code, name) -> {age: {year: text}}
with open(sys.argv[1], newline="") as f:
    for r in csv.DictReader(f):
        rows[(r["sex"], r["area_code"], r["area_name"])].setdefault(int(r["age"]), {})[int(r["year"])] = r["population"]
for sex in ("male", "female"):
    with open(f"{sys.argv[2]}/{sex}s.csv", "w", newline="") as out:
        years = None
        for (s, code, name), by_age in rows.items():
            if s != sex:
                continue
            years = years or sorted(by_age[0])
            if out.tell() == 0:
                out.write('"AREA_CODE","AREA_NAME","COMPONENT","SEX","AGE_GROUP",' + ",".join(f'"{y}"' for y in years) + "\r\n")
            for age in range(91):
                label = "90 and over" if age == 90 else str(age)
                out.write(f"{code},{name},Population,{sex}s,{label}," + ",".join(by_age[age][y] for y in years) + "\r\n")
            totals = [f"{sum(float(by_age[a][y]) for a in range(91)):.3f}" for y in years]
            out.write(f"{code},{name},Population,{sex}s,All ages," + ",".join(totals) + "\r\n")
PY
check "Z1 layout rebuilt" test -s "$WORK/males.csv"
# ONS's files also hold totals of councils; these (here a region, the sum of the seven boroughs) are left out.
"$PYTHON" - "$WORK" <<'PY'
import sys
for sex in ("male", "female"):
    path = f"{sys.argv[1]}/{sex}s.csv"
    lines = open(path, newline="").read().split("\r\n")
    header, rows = lines[0], [line.split(",") for line in lines[1:] if line]
    sums = {}
    for r in rows:
        sums.setdefault(r[4], [0.0] * (len(r) - 5))
        sums[r[4]] = [a + float(b) for a, b in zip(sums[r[4]], r[5:])]
    region = [f"E12000005,West Midlands,Population,{sex}s,{age}," + ",".join(f"{v:.3f}" for v in values)
              for age, values in sums.items()]
    with open(path, "w", newline="") as out:
        out.write("\r\n".join([header] + region + [",".join(r) for r in rows]) + "\r\n")
PY
"$PYTHON" "$CONVERT" --males "$WORK/males.csv" --females "$WORK/females.csv" -o "$WORK/long.csv" >"$WORK/convert.out"
check "conversion: exit 0" test $? -eq 0
check "conversion gives the bundled file byte for byte" cmp "$WORK/long.csv" "$BUNDLED"
check "prints the 2022 totals for sources.toml" grep -qx "E08000029 Solihull female 2022: 111926.000" "$WORK/convert.out"
check "all areas: councils only, not the region" test "$(grep -c '^E12000005' "$WORK/long.csv")" -eq 0
"$PYTHON" "$CONVERT" --males "$WORK/males.csv" --females "$WORK/females.csv" --areas E12000005 -o "$WORK/region.csv" >/dev/null
check "a region asked for by code: converted" test "$(grep -c '^E12000005,' "$WORK/region.csv")" -eq 4732
"$PYTHON" "$CONVERT" --males "$WORK/males.csv" --females "$WORK/females.csv" --areas E08000029 -o "$WORK/solihull.csv" >/dev/null
check "one area: its rows only" test "$(grep -c '^E08000029,' "$WORK/solihull.csv")" -eq 4732

# A figure with a digit added no longer adds up to the "All ages" row.
sed 's/^E08000031,Wolverhampton,Population,males,40,\([0-9]*\)\./E08000031,Wolverhampton,Population,males,40,1\1./' \
  "$WORK/males.csv" >"$WORK/bad_males.csv"
"$PYTHON" "$CONVERT" --males "$WORK/bad_males.csv" --females "$WORK/females.csv" -o "$WORK/bad.csv" 2>"$WORK/bad.err"
check "ages that do not add up: exit 2" test $? -eq 2
check "ages that do not add up: says where" grep -q "E08000031 Wolverhampton 2022: ages sum to" "$WORK/bad.err"
check "ages that do not add up: nothing written" no_file "$WORK/bad.csv"
finish
