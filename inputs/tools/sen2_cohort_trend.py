#!/usr/bin/python3
"""The cohort trend in severe and profound learning difficulty among Birmingham's children, from SEN2.

    /usr/bin/python3 inputs/tools/sen2_cohort_trend.py SEN2_PRIMARY_NEED.csv SNPP.csv [AREA_CODE]

SEN2_PRIMARY_NEED.csv is shared/data/dfe_sen2_ehc_plans_primary_need_2024_2025.csv (EHC plans in January 2025 by
single year of age and primary need); SNPP.csv the area's population projection (inputs/data/..._snpp2022_...).
Children aged 5 to 15 with a plan whose primary need is SLD or PMLD are counted by age; their cohort (born about
2025 - age) is regressed, as a Poisson log-linear model with the mid-2024 population of the age as exposure, on the
birth year: the slope is the relative change a year in the share of each cohort with a severe or profound learning
difficulty. Ages 5-15: identification is largely complete by 5, and before 16 nobody has left school. The standard
error is scaled by the dispersion when it exceeds 1. Prints the slope, its standard error and the data used.
Caveat: one January's cross-section, so a cohort trend cannot be told apart from a change with age in who is
recorded with SLD or PMLD as their primary need.
"""
import csv
import math
import sys


def main():
    sen2, snpp = sys.argv[1], sys.argv[2]
    area = sys.argv[3] if len(sys.argv) > 3 else "E08000025"
    ages = list(range(5, 16))
    plans = {a: 0.0 for a in ages}
    with open(sen2, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if (row["area_code"] != area or row["time_period"] != "202425"
                    or row["breakdown_topic"] != "Child or young persons age"
                    or row["primary_need"] not in ("sld", "pmld")):
                continue
            label = row["breakdown"]
            if label.startswith("age ") and label[4:].isdigit() and int(label[4:]) in plans:
                plans[int(label[4:])] += float(row["value"])
    people = {a: 0.0 for a in ages}
    with open(snpp, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["area_code"] == area and row["year"] == "2024" and int(row["age"]) in people:
                people[int(row["age"])] += float(row["population"])
    cohort = [2025 - a for a in ages]
    centre = sum(cohort) / len(cohort)
    x = [c - centre for c in cohort]
    y = [plans[a] for a in ages]
    n = [people[a] for a in ages]
    # Poisson regression log mu = log n + b0 + b1 x, by Newton's method on the two coefficients.
    b0, b1 = math.log(sum(y) / sum(n)), 0.0
    for _ in range(100):
        mu = [ni * math.exp(b0 + b1 * xi) for ni, xi in zip(n, x)]
        g0 = sum(yi - mi for yi, mi in zip(y, mu))
        g1 = sum((yi - mi) * xi for yi, mi, xi in zip(y, mu, x))
        h00 = sum(mu)
        h01 = sum(mi * xi for mi, xi in zip(mu, x))
        h11 = sum(mi * xi * xi for mi, xi in zip(mu, x))
        det = h00 * h11 - h01 * h01
        b0 += (h11 * g0 - h01 * g1) / det
        b1 += (h00 * g1 - h01 * g0) / det
    mu = [ni * math.exp(b0 + b1 * xi) for ni, xi in zip(n, x)]
    deviance = 2 * sum(yi * math.log(yi / mi) - (yi - mi) if yi > 0 else 2 * mi for yi, mi in zip(y, mu))
    dispersion = max(1.0, deviance / (len(y) - 2))
    h00 = sum(mu)
    h01 = sum(mi * xi for mi, xi in zip(mu, x))
    h11 = sum(mi * xi * xi for mi, xi in zip(mu, x))
    se = math.sqrt(dispersion * h00 / (h00 * h11 - h01 * h01))
    trend = math.exp(b1) - 1
    print("age,birth_cohort,sld_pmld_plans,population_mid_2024")
    for a in ages:
        print(f"{a},{2025 - a},{plans[a]:.0f},{people[a]:.0f}")
    print(f"# trend per birth year: {trend:.4f} (log slope {b1:.4f}, SE {se:.4f}, dispersion {dispersion:.2f}); "
          f"share at ages 5-15: {1000 * sum(y) / sum(n):.2f} per 1,000")


if __name__ == "__main__":
    main()
