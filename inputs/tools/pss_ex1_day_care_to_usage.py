#!/usr/bin/python3
"""Turn PSS EX1 day-care counts (people receiving day care at 31 March, by client group and age band) into
dayopps usage counts (inputs/data/README-usage.md), for the history calibration.

    /usr/bin/python3 inputs/tools/pss_ex1_day_care_to_usage.py SOURCE.csv AREA_CODE [--cassr CODE] > OUT.csv
    /usr/bin/python3 inputs/tools/pss_ex1_day_care_to_usage.py SOURCE.csv --areas-from PROJECTION.csv > OUT.csv

SOURCE is a file of the shape of shared/data/birmingham_pss_ex1_rap_p2s_day_care_clients_2001_2014.csv or
england_councils_pss_ex1_day_care_clients_2008_2014.csv (pick the council by --cassr when the file has no
ONS code). Only the HSCIC years 2008-09 to 2013-14 are taken: earlier council returns swing from year to year
(SOURCES.md).

What maps to what, stated in every row's source:
  - the count at 31 March of year Y is the model's mid-year Y stock (three months apart);
  - learning disability 18-64 -> learning_disability, 18-64; physical disability 18-64 -> physical_disability,
    18-64; all client groups 65+ -> all, 65+;
  - mental health 18-64 and the other 18-64 groups are not modelled and are left out (the fit report states
    their share);
  - day care is the model's day centres; in the calibrated baseline new users choose only centres, so the
    row's service is all.

--areas-from converts several councils at once: every area of PROJECTION (a population file with columns
area_code,area_name, e.g. inputs/data/west_midlands_met_snpp2022_population_by_sex_age.csv) is matched to the
council of SOURCE with exactly the same name, a trailing " UA" stripped on both sides (SOURCE's area_name and
cassr_code; the PSS files carry no ONS code), and every row's source says so. An area with no such council, a
name that matches two CASSR codes, or a council matched by two areas stops the tool (exit 1); so does a council
that lacks any of the 18 counts (3 series x 6 years). Rows are sorted by area_code, then by year and series.
"""
import argparse
import csv
import sys

GROUPS = {
    ("learning_disability", "18-64"): ("learning_disability", "18-64"),
    ("physical_disability", "18-64"): ("physical_disability", "18-64"),
    ("all_client_groups", "65+"): ("all", "65+"),
}
FIRST_YEAR, LAST_YEAR = "2008-09", "2013-14"


def council_name(name):
    """A council's name as matched between files: HSCIC prints some unitary councils as "Bristol UA"."""
    return name[:-len(" UA")] if name.endswith(" UA") else name


def convert(source, records, area_code, belongs, mapping="", council=""):
    """The usage rows of one council: the records for which belongs(row) holds, under area_code, each row's
    source ending in mapping (how the council was matched to area_code, if not by code); council names it in
    an error."""
    rows = []
    seen = set()
    for row in records:
        if not belongs(row):
            continue
        if row["measure"] != "people_receiving_services_at_31_march":
            continue
        if row.get("service", "day_care") != "day_care":
            continue
        if not (FIRST_YEAR <= row["financial_year"] <= LAST_YEAR):
            continue
        key = (row["client_group"], row["age_band"])
        if key not in GROUPS or row.get("provision", "all") != "all":
            continue
        if row["value"] == "":
            sys.exit(f"{source}: {council}{row['financial_year']} {key}: no published value "
                     f"(flag {row['value_flag']!r}); the series would have a gap")
        year = int(row["financial_year"][:4]) + 1
        reason, band = GROUPS[key]
        if (year, reason, band) in seen:
            sys.exit(f"{source}: {council}{row['financial_year']} {key} given twice")
        seen.add((year, reason, band))
        text = (f"HSCIC PSS Expenditure and Unit Costs {row['financial_year']}, activity data "
                f"({row.get('source_item_code') or 'RAP P2s'}): {row['client_group']} {row['age_band']} "
                f"receiving day care at 31 March {year} (rounded to 5), as the mid-{year} stock{mapping}")
        rows.append([area_code, year, "users", "all", "", reason, band, row["value"], text])
    if not rows:
        sys.exit(f"{source}: no day-care counts for {area_code}")
    rows.sort(key=lambda r: (r[1], r[5], r[6]))
    return rows


def projection_areas(projection):
    """(area_code, area_name) of every area of a population file, sorted by area_code."""
    names = {}
    with open(projection, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if not {"area_code", "area_name"} <= set(reader.fieldnames or []):
            sys.exit(f"{projection}: needs columns area_code and area_name")
        for row in reader:
            code, name = row["area_code"], council_name(row["area_name"])
            if names.setdefault(code, name) != name:
                sys.exit(f"{projection}: {code} is named both {names[code]!r} and {name!r}")
    if not names:
        sys.exit(f"{projection}: no areas")
    return sorted(names.items())


def convert_by_name(source, projection):
    """The usage rows of every area of projection, each council of source found by its name."""
    with open(source, newline="", encoding="utf-8") as f:
        records = list(csv.DictReader(f))
    cassr_by_name = {}
    for row in records:
        if row.get("cassr_code"):  # the England total has none
            cassr_by_name.setdefault(council_name(row["area_name"]), set()).add(row["cassr_code"])
    expected = {(year, reason, band) for year in range(int(FIRST_YEAR[:4]) + 1, int(LAST_YEAR[:4]) + 2)
                for reason, band in GROUPS.values()}
    rows = []
    matched = {}
    for area_code, name in projection_areas(projection):
        codes = cassr_by_name.get(name, set())
        if not codes:
            sys.exit(f"{projection}: {area_code} {name!r}: no council of that name in {source} "
                     f"(names must match exactly, apart from a trailing ' UA')")
        if len(codes) > 1:
            sys.exit(f"{projection}: {area_code} {name!r}: the name matches CASSR codes "
                     f"{', '.join(sorted(codes))} in {source}; which council is meant cannot be decided by name")
        (cassr,) = codes
        if cassr in matched:
            sys.exit(f"{projection}: CASSR {cassr} ({name!r}) is matched by both {matched[cassr]} and {area_code}")
        matched[cassr] = area_code
        mapping = f"; council {name} (CASSR {cassr}) matched to {area_code} by name"
        area_rows = convert(source, records, area_code, lambda row: row["cassr_code"] == cassr, mapping,
                            f"{name} (CASSR {cassr}) ")
        missing = sorted(expected - {(r[1], r[5], r[6]) for r in area_rows})
        if missing:
            sys.exit(f"{source}: {name} (CASSR {cassr}) has no count for " +
                     ", ".join(f"{year} {reason} {band}" for year, reason, band in missing) +
                     "; the series would have a gap")
        rows.extend(area_rows)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source")
    parser.add_argument("area_code", nargs="?")
    parser.add_argument("--cassr", help="CASSR code of the council, for files without ONS codes")
    parser.add_argument("--areas-from", metavar="PROJECTION",
                        help="convert every area of this population file (columns area_code,area_name), "
                             "matching councils by name")
    args = parser.parse_args()
    if args.areas_from is not None:
        if args.area_code is not None or args.cassr is not None:
            parser.error("--areas-from takes no AREA_CODE or --cassr: the councils are matched by name")
        rows = convert_by_name(args.source, args.areas_from)
    else:
        if args.area_code is None:
            parser.error("give AREA_CODE, or --areas-from")
        if args.cassr is not None:
            def belongs(row):
                return row["cassr_code"] == args.cassr
        else:
            def belongs(row):
                return row.get("area_code") == args.area_code
        with open(args.source, newline="", encoding="utf-8") as f:
            rows = convert(args.source, csv.DictReader(f), args.area_code, belongs)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["area_code", "year", "measure", "service", "centre", "primary_support_reason", "age_band", "count",
                  "source"])
    out.writerows(rows)

if __name__ == "__main__":
    main()
