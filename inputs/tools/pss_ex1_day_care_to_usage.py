#!/usr/bin/python3
"""Turn PSS EX1 day-care counts (people receiving day care at 31 March, by client group and age band) into
dayopps usage counts (inputs/data/README-usage.md), for the history calibration.

    /usr/bin/python3 inputs/tools/pss_ex1_day_care_to_usage.py SOURCE.csv AREA_CODE [--cassr CODE] > OUT.csv

SOURCE is a file of the shape of shared/data/birmingham_pss_ex1_rap_p2s_day_care_clients_2001_2014.csv or
england_councils_pss_ex1_day_care_clients_2008_2014.csv (pick the council by --cassr when the file has no
ONS code). Only the HSCIC years 2008-09 to 2013-14 are taken: earlier council returns swing from year to year
(SOURCES.md). What maps to what, stated in every row's source:
  - the count at 31 March of year Y is the model's mid-year Y stock (three months apart);
  - learning disability 18-64 -> learning_disability, 18-64; physical disability 18-64 -> physical_disability,
    18-64; all client groups 65+ -> all, 65+;
  - mental health 18-64 and the other 18-64 groups are not modelled and are left out (the fit report states
    their share);
  - day care is the model's day centres; in the calibrated baseline new users choose only centres, so the
    row's service is all.
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source")
    parser.add_argument("area_code")
    parser.add_argument("--cassr", help="CASSR code of the council, for files without ONS codes")
    args = parser.parse_args()
    rows = []
    seen = set()
    with open(args.source, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if args.cassr is not None:
                if row["cassr_code"] != args.cassr:
                    continue
            elif row.get("area_code") != args.area_code:
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
                sys.exit(f"{args.source}: {row['financial_year']} {key}: no published value "
                         f"(flag {row['value_flag']!r}); the series would have a gap")
            year = int(row["financial_year"][:4]) + 1
            reason, band = GROUPS[key]
            if (year, reason, band) in seen:
                sys.exit(f"{args.source}: {row['financial_year']} {key} given twice")
            seen.add((year, reason, band))
            source = (f"HSCIC PSS Expenditure and Unit Costs {row['financial_year']}, activity data "
                      f"({row.get('source_item_code') or 'RAP P2s'}): {row['client_group']} {row['age_band']} "
                      f"receiving day care at 31 March {year} (rounded to 5), as the mid-{year} stock")
            rows.append([args.area_code, year, "users", "all", "", reason, band, row["value"], source])
    if not rows:
        sys.exit(f"{args.source}: no day-care counts for {args.area_code}")
    rows.sort(key=lambda r: (r[1], r[5], r[6]))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["area_code", "year", "measure", "service", "centre", "primary_support_reason", "age_band", "count",
                  "source"])
    out.writerows(rows)


if __name__ == "__main__":
    main()
