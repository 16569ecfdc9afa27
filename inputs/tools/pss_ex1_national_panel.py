#!/usr/bin/python3
"""Build the national day-care panel: every English council's PSS EX1 day-care counts 2009-2014 beside its
population of the same ages, the input of the pooled uptake trend (docs/model.md, "Forecast").

    /usr/bin/python3 inputs/tools/pss_ex1_national_panel.py SHARED_DATA_DIR > inputs/data/england_day_care_panel_2009_2014.csv

SHARED_DATA_DIR holds (SOURCES.md):
  - england_councils_pss_ex1_day_care_clients_2008_2014.csv  people receiving day care at 31 March, by CASSR;
  - cassr_to_ons_2022_lookup.csv                            CASSR code -> 2022 ONS upper-tier code;
  - england_mye_mid2011_mid2018_by_sex_age.csv               mid-2011 and mid-2018 estimates by 2018 LAD;
  - england_mye_mid2011_mid2018_areas.csv                    2018 LAD -> 2022 LAD;
  - ons_2022_area_types.csv                                  2022 LAD -> 2022 upper tier.

What maps to what:
  - the count at 31 March of year Y (financial year Y-1 to Y) is year Y, as in the usage files;
  - learning disability 18-64, physical disability 18-64, all client groups 65+ (the three series the model fits);
  - a council's population aged 18-64 and 65+ (90+ included) is the sum over the 2018 districts whose 2022
    upper tier it is, for mid-2011 and mid-2018; the panel carries both and the model interpolates;
  - councils kept: every one-to-one CASSR match, and Buckinghamshire (a code change, same area); left out, with the
    reason in the provenance: the split and merged councils (Cheshire, Bedfordshire, Northamptonshire, Bournemouth,
    Poole, Dorset: their area changed between the returns and the 2022 codes) and the two councils whose counts are
    rounded to 5 around a handful of users (City of London, Isles of Scilly);
  - a suppressed ("-", 1 to 5), missing ("..") or zero count is left out (the trend is fitted to log uptake), as is a year the council did not exist
    (Cheshire East and West, Bedford and Central Bedfordshire from 2010); a council keeps a series with at least
    MIN_YEARS counts, and the tool lists on stderr what it left out.
Rows are sorted by area_code, client group, year.
"""
import csv
import os
import sys
from collections import defaultdict

SERIES = {
    ("learning_disability", "18-64"): "learning_disability",
    ("physical_disability", "18-64"): "physical_disability",
    ("all_client_groups", "65+"): "all",
}
YEARS = range(2009, 2015)
KEPT_RELATIONSHIPS = {"one_to_one", "code_change_same_area_2020"}
MIN_YEARS = 4  # a series needs three year-on-year changes to say anything about its council's wander


def read(folder, name):
    with open(os.path.join(folder, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def councils(folder):
    """CASSR code -> (ONS 2022 upper-tier code, name), for the councils kept; and the left-out ones by reason."""
    kept, left_out = {}, defaultdict(list)
    for row in read(folder, "cassr_to_ons_2022_lookup.csv"):
        if not row["cassr_code"]:
            continue
        if row["relationship"] in KEPT_RELATIONSHIPS:
            kept[row["cassr_code"]] = (row["ons_code_2022"], row["ons_name_2022"])
        else:
            left_out[row["relationship"]].append(row["pss_area_name"])
    return kept, left_out


def populations(folder):
    """(upper-tier code, year, age band) -> residents, from the mid-2011 and mid-2018 estimates."""
    lad_2022 = {r["area_code"]: r["lad_2022_code"] for r in read(folder, "england_mye_mid2011_mid2018_areas.csv")}
    upper = {r["area_code"]: r["upper_tier_code"] for r in read(folder, "ons_2022_area_types.csv")}
    totals = defaultdict(int)
    for row in read(folder, "england_mye_mid2011_mid2018_by_sex_age.csv"):
        age = int(row["age"])
        band = "18-64" if 18 <= age <= 64 else "65+" if age >= 65 else None
        if band is None:
            continue
        totals[(upper[lad_2022[row["area_code"]]], int(row["year"]), band)] += int(row["population"])
    return totals


def counts(folder, kept):
    """(CASSR code, series, year) -> count; and the CASSR codes with a count that is not a whole number."""
    found, incomplete = {}, set()
    for row in read(folder, "england_councils_pss_ex1_day_care_clients_2008_2014.csv"):
        if row["measure"] != "people_receiving_services_at_31_march" or row["provision"] != "all":
            continue
        series = SERIES.get((row["client_group"], row["age_band"]))
        year = int(row["financial_year"][:4]) + 1
        if series is None or row["cassr_code"] not in kept or year not in YEARS:
            continue
        if row["value_flag"] or not row["value"].isdigit() or int(row["value"]) == 0:
            incomplete.add(row["cassr_code"])
            continue
        found[(row["cassr_code"], series, year)] = int(row["value"])
    return found, incomplete


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    folder = sys.argv[1]
    kept, left_out = councils(folder)
    population = populations(folder)
    found, _ = counts(folder, kept)
    rows = []
    for cassr, (code, name) in kept.items():
        for (group, band), series in SERIES.items():
            p2011, p2018 = population[(code, 2011, band)], population[(code, 2018, band)]
            years = [y for y in YEARS if (cassr, series, y) in found]
            if len(years) < len(YEARS):
                missing = ", ".join(str(y) for y in YEARS if y not in years)
                kept_or_not = "series kept" if len(years) >= MIN_YEARS else "series left out"
                print(f"{name} (CASSR {cassr}) {series} {band}: no count for {missing}; {kept_or_not}",
                      file=sys.stderr)
            if len(years) < MIN_YEARS:
                continue
            for year in years:
                fy = f"{year - 1}-{year % 100:02d}"
                rows.append([code, name, cassr, series, band, year, found[(cassr, series, year)], p2011, p2018,
                             f"HSCIC PSS EX1 {fy}: {group.replace('_', ' ')} {band} receiving day care at 31 March "
                             f"{year}; population: ONS mid-year estimates (pre-2021 series) summed over the 2022 "
                             f"upper tier"])
    rows.sort(key=lambda r: (r[0], r[3], r[5]))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["area_code", "area_name", "cassr_code", "client_group", "age_band", "year", "count",
                  "population_mid2011", "population_mid2018", "source"])
    out.writerows(rows)
    for reason, names in sorted(left_out.items()):
        print(f"left out ({reason}): {', '.join(sorted(set(names)))}", file=sys.stderr)
    print(f"{len({r[0] for r in rows})} councils, {len({(r[0], r[3]) for r in rows})} series", file=sys.stderr)


if __name__ == "__main__":
    main()
