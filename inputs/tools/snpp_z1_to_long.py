#!/usr/bin/python3
"""Turn ONS's 2022-based SNPP Z1 files into the projection layout dayopps reads.

ONS publishes the subnational population projections for every local authority in England as two wide
CSV files, "2022 SNPP Population males.csv" and "2022 SNPP Population females.csv" (columns AREA_CODE,
AREA_NAME, COMPONENT, SEX, AGE_GROUP, then one column per mid-year). dayopps reads one row per
(area, sex, age, year):

    area_code,area_name,projection,sex,age,year,population

This script copies the figures as ONS printed them (the text of each value is kept, never re-rounded),
maps "90 and over" to age 90, and refuses a file whose ages do not add up to its own "All ages" row
(within 0.05 persons a year, the rounding of 91 three-decimal values), or that lacks an age. It prints
each area's base-year total by sex for the provenance manifest (inputs/data/sources.toml).

    /usr/bin/python3 inputs/tools/snpp_z1_to_long.py --males M.csv --females F.csv \
        [--areas E08000025,E08000026 | --areas all] [--variant LABEL] -o OUT.csv

--areas all (the default) takes every council in the files and leaves out their totals (England, regions,
counties), which dayopps would otherwise count twice when it adds areas up.

Exit status: 0 written; 2 bad input (nothing written).
"""
import argparse
import csv
import os
import sys
import tempfile

OPEN_AGE = 90
TOLERANCE = 0.05  # persons a year: 91 values each rounded to 0.001
DEFAULT_VARIANT = "2022-based SNPP migration category variant"
# ONS code prefixes of councils: unitary, non-metropolitan district, metropolitan borough, London borough (as
# inputs/loaders/area_code.hpp in dayopps).
COUNCIL_KINDS = ("E06", "E07", "E08", "E09", "W06", "S12", "N09")


class BadInput(Exception):
    pass


def read_z1(path, sex):
    """{area_code: (area_name, years, {age: [value text]}, [all ages values])} in file order."""
    areas = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = csv.reader(f)
        header = next(rows, None)
        expected = ["AREA_CODE", "AREA_NAME", "COMPONENT", "SEX", "AGE_GROUP"]
        if header is None or header[:5] != expected:
            raise BadInput(f"{path}:1: expected a header starting {','.join(expected)}")
        years = [int(y) for y in header[5:]]
        for line, row in enumerate(rows, start=2):
            if not row:
                continue
            if len(row) != len(header):
                raise BadInput(f"{path}:{line}: {len(row)} fields, the header has {len(header)}")
            code, name, component, row_sex, age_text = row[:5]
            if component != "Population":
                continue
            if row_sex != sex + "s":
                raise BadInput(f"{path}:{line}: field SEX: '{row_sex}' in the {sex}s file")
            values = row[5:]
            for year, text in zip(years, values):
                try:
                    if float(text) < 0:
                        raise ValueError
                except ValueError:
                    raise BadInput(f"{path}:{line}: field {year}: '{text}' is not a population")
            entry = areas.setdefault(code, (name, years, {}, None))
            if entry[0] != name:
                raise BadInput(f"{path}:{line}: field AREA_NAME: '{name}' but '{entry[0]}' on earlier rows")
            if age_text == "All ages":
                areas[code] = (name, years, entry[2], values)
                continue
            age = OPEN_AGE if age_text == "90 and over" else int(age_text)
            if not 0 <= age <= OPEN_AGE or age in entry[2]:
                raise BadInput(f"{path}:{line}: field AGE_GROUP: '{age_text}' out of range or repeated")
            entry[2][age] = values
    for code, (name, years, by_age, all_ages) in areas.items():
        missing = [a for a in range(OPEN_AGE + 1) if a not in by_age]
        if missing:
            raise BadInput(f"{path}: {code} {name}: no row for age {missing[0]}")
        if all_ages is None:
            raise BadInput(f"{path}: {code} {name}: no 'All ages' row to check the ages against")
        for k, year in enumerate(years):
            total = sum(float(by_age[a][k]) for a in range(OPEN_AGE + 1))
            if abs(total - float(all_ages[k])) > TOLERANCE:
                raise BadInput(f"{path}: {code} {name} {year}: ages sum to {total:.3f}, 'All ages' is {all_ages[k]}")
    return areas


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--males", required=True)
    parser.add_argument("--females", required=True)
    parser.add_argument("--areas", default="all", help="area codes separated by commas, or all (default)")
    parser.add_argument("--variant", default=DEFAULT_VARIANT, help="the projection column's label")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args(argv)
    try:
        by_sex = {"male": read_z1(args.males, "male"), "female": read_z1(args.females, "female")}
        # ONS's files also carry totals (England E92, regions E12, counties E10 and E11): "all" keeps the councils,
        # which do not overlap, so that dayopps can add them up for a region.
        if args.areas == "all":
            codes = [code for code in by_sex["male"] if code[:3] in COUNCIL_KINDS]
        else:
            codes = args.areas.split(",")
        for code in codes:
            for sex, areas in by_sex.items():
                if code not in areas:
                    raise BadInput(f"area {code} is not in the {sex}s file")
            if by_sex["male"][code][1] != by_sex["female"][code][1]:
                raise BadInput(f"area {code}: the two files cover different years")
    except (BadInput, OSError) as e:
        print(f"snpp_z1_to_long: error: {e}", file=sys.stderr)
        return 2

    folder = os.path.dirname(os.path.abspath(args.output))
    with tempfile.NamedTemporaryFile("w", dir=folder, delete=False, newline="") as out:
        out.write("area_code,area_name,projection,sex,age,year,population\r\n")
        for code in codes:
            for sex in ("male", "female"):
                name, years, by_age, all_ages = by_sex[sex][code]
                for age in range(OPEN_AGE + 1):
                    for year, text in zip(years, by_age[age]):
                        out.write(f"{code},{name},{args.variant},{sex},{age},{year},{text}\r\n")
                print(f"{code} {name} {sex} {years[0]}: {all_ages[0]}")
    os.replace(out.name, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
