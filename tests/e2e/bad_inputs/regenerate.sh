#!/bin/bash
# Rebuilds the bad files of this corpus from the bundled inputs (inputs/, fuzz/seeds/calibrated_parameters.toml):
# each is the bundled file with the one change written here. Run it after a bundled input changes, then run
# bad_input_corpus.sh and update the line numbers in cases.tsv if the change moved them. It rewrites the case
# files only (not cases.tsv, accepted.tsv or README.md).
set -euo pipefail
C=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$C/../../.." && pwd)
IN=$SRC/inputs
mkdir -p "$C"/{unit_costs,gdp_deflator,scenario,projection,life_table,estimate_2011,estimate_2018,usage,usage_history,engagement,sources,care_need,day_services,calibrated_parameters,accepted,support}
# --- recipes for the two big CSVs: a sed script applied to the bundled file (CRLF line endings) ---
recipe() {  # recipe kind name "comment" sed-script
  printf '# %s\n%s\n' "$3" "$4" >"$C/$1/$2.sed"
}
recipe projection bom "UTF-8 byte-order mark at the start (Excel 'CSV UTF-8')" '1s/^/\xEF\xBB\xBF/'
recipe projection thousands-quoted "thousands separator in a quoted number: \"7,493.000\"" '2s/,7493\.000\r$/,"7,493.000"\r/'
recipe projection thousands-unquoted "thousands separator, unquoted: 7,493.000 splits into two fields" '2s/,7493\.000\r$/,7,493.000\r/'
recipe projection excel-na "Excel #N/A in the population column" '3s/,7241\.348\r$/,#N\/A\r/'
recipe projection blank-line "a blank line between records (after line 100)" '100{p;s/.*/\r/}'
recipe projection missing-column "the projection column is missing (header and rows)" '1s/,projection,/,/
2,$s/,2022-based SNPP migration category variant,/,/'
recipe projection extra-column "an extra notes column (header and rows)" '1s/\r$/,notes\r/
2,$s/\r$/,\r/'
recipe projection duplicate-row "line 3 (male, age 0, 2023) repeated" '3p'
recipe projection missing-age-row "the row for male, age 45, 2030 deleted" '/,male,45,2030,/d'
recipe projection missing-year "every row of the base year 2022 deleted" '/,2022,[0-9.]*\r$/d'
recipe projection age-90-plus "ONS style open age group: '90+' instead of 90 in every row of age 90" 's/ale,90,/ale,90+,/'
recipe projection negative "a negative population" '5s/,7391\.395\r$/,-7391.395\r/'
recipe projection nan "NaN as a population" '5s/,7391\.395\r$/,NaN\r/'
recipe projection inf "inf as a population" '6s/,[0-9.]*\r$/,inf\r/'
recipe projection wrong-area "one row of another area (Coventry, E08000026)" '5s/^E08000025,/E08000026,/'
recipe projection wrong-sex "sex label 'Male' instead of 'male'" '5s/,male,/,Male,/'
recipe projection truncated "file cut in the middle of line 2000" '2000s/,2[0-9]*,[0-9.]*\r$/,20/
2001,$d'
recipe projection empty "an empty file (0 bytes)" 'd'
recipe projection header-only "the header and no rows" '2,$d'
recipe projection year-typo "year 20250 for 2025" '5s/,2025,/,20250,/'
recipe projection mixed-variant "one row from another projection variant" '5s/migration category variant/5-year migration variant/'
recipe projection edited-value "a hand-edited base-year value (7493 -> 7494): totals no longer match sources.toml" '2s/,7493\.000\r$/,7494.000\r/'
recipe projection semicolons "semicolon separators (European Excel)" 's/,/;/g'

L=england_wales_national_life_tables_3year.csv
recipe life_table qx-percent "qx written as a percentage: 33.9148 for 0.339148 (female, age 100, 2016-2018)" '203s/,0\.339148,/,33.9148,/'
recipe life_table qx-negative "a negative qx" '2s/,0\.004268,/,-0.004268,/'
recipe life_table qx-excel-na "Excel #N/A in qx" '2s/,0\.004268,/,#N\/A,/'
recipe life_table qx-blank "an empty qx cell" '2s/,0\.004268,/,,/'
recipe life_table mx-nan "NaN in mx" '2s/,0\.004277,/,NaN,/'
recipe life_table dx-inf "inf in dx" '2s/,426\.8,/,inf,/'
recipe life_table missing-age-row "the row for female, age 100, 2016-2018 deleted" '/^England and Wales,2016-2018,female,100,/d'
recipe life_table duplicate-row "the row for male, age 1, 2016-2018 repeated" '4p'
recipe life_table wrong-sex "sex label 'Males'" '4s/,male,/,Males,/'
recipe life_table wrong-header "capitalised column names" '1s/^area,period,/Area,Period,/'
recipe life_table truncated "file cut in the middle of line 150" '150s/,[0-9.]*,[0-9.]*,[0-9.]*\r$/,9/
151,$d'
recipe life_table ex-excel-na "Excel #N/A in ex (life expectancy) of the period used" '2s/,79\.48\r$/,#N\/A\r/'
recipe life_table mixed-area "one row of the period used labelled with another area" '4s/^England and Wales,/Birmingham,/'

# --- full copies with one defect ---
full() {  # full kind name source sed-script
  sed "$4" "$3" >"$C/$1/$2"
}
E11=$IN/data/birmingham_mye_mid2011_by_sex_age.csv
E18=$IN/data/birmingham_mye_mid2018_by_sex_age.csv
full estimate_2011 thousands-quoted.csv "$E11" '2s/,8532\r$/,"8,532"\r/'
full estimate_2011 thousands-unquoted.csv "$E11" '3s/,8407\r$/,8,407\r/'
full estimate_2011 excel-na.csv "$E11" '4s/,8544\r$/,#N\/A\r/'
full estimate_2011 second-year-row.csv "$E11" '5s/,2011,/,2012,/'
head -c 3000 "$E11" >"$C/estimate_2011/truncated.csv"
: >"$C/estimate_2011/empty.csv"
full estimate_2018 edited-value.csv "$E18" '2s/,8174\r$/,8175\r/'
full estimate_2018 negative.csv "$E18" '2s/,8174\r$/,-8174\r/'
full estimate_2018 age-90-plus.csv "$E18" 's/ale,90,/ale,90+,/'
full estimate_2018 wrong-sex.csv "$E18" '10s/,male,/,Males,/'
full estimate_2018 wrong-area.csv "$E18" '10s/^E08000025,/E08000026,/'
full estimate_2018 bom.csv "$E18" '1s/^/\xEF\xBB\xBF/'
full estimate_2018 duplicate-row.csv "$E18" '3p'
full estimate_2018 missing-age-row.csv "$E18" '50d'
full estimate_2018 blank-line.csv "$E18" '120{p;s/.*/\r/}'

U=$IN/data/birmingham_day_service_users.csv
full usage thousands-quoted.csv "$U" '2s/,800,"/,"1,600","/'
full usage thousands-unquoted.csv "$U" '2s/,800,"/,1,600,"/'
full usage decimal-count.csv "$U" '2s/,800,"/,800.0,"/'
full usage excel-na.csv "$U" '2s/,800,"/,#N\/A,"/'
full usage negative.csv "$U" '2s/,800,"/,-800,"/'
full usage duplicate-row.csv "$U" '2p'
full usage other-area-only.csv "$U" '2,$s/^E08000025,/E08000026,/'
full usage unknown-service.csv "$U" '2s/,internal_day_centre,/,day_centre,/'
full usage wrong-measure-label.csv "$U" '2s/,users,/,Users,/'
full usage centre-on-users-row.csv "$U" '2s/,users,internal_day_centre,,/,users,internal_day_centre,Hockley,/'
full usage missing-column.csv "$U" '1s/,source$//; 2,$s/,"[^"]*"$//'
full usage truncated-in-quote.csv "$U" '$s/about half (800) through.*$/about half (800) thro/'
full usage bom.csv "$U" '1s/^/\xEF\xBB\xBF/'
full usage blank-line.csv "$U" '2{p;s/.*//}'
: >"$C/usage/empty.csv"
full usage flow-before-base-year.csv "$U" '2s/,2019,users,internal_day_centre,,all,all,800,/,2019,starters,internal_day_centre,,all,all,80,/'
full usage year-fractional.csv "$U" '2s/,2019,users,/,2019.5,users,/'
full usage header-repeated.csv "$U" '1p'
full usage area-code-typo.csv "$U" '2s/^E08000025,/E0800025,/'
# the truncated usage file ends without a newline, as a cut-off download does
printf '%s' "$(cat "$C/usage/truncated-in-quote.csv")" >"$C/usage/truncated-in-quote.csv"
# the second usage file: the PSS EX1 day-care series 2009-2014 (role usage_history)
H=$IN/data/birmingham_pss_ex1_day_care_users_2009_2014.csv
full usage_history count-changed.csv "$H" '5s/^E08000025,2010,users,all,,all,65+,545,/E08000025,2010,users,all,,all,65+,550,/'
full usage_history series-gap.csv "$H" '/^E08000025,2012,users,all,,learning_disability,18-64,/d'
full usage_history more-than-population.csv "$H" '14s/^E08000025,2013,users,all,,all,65+,455,"/E08000025,2013,users,all,,all,65+,455000,"/'
full usage_history unknown-support-reason.csv "$H" '3s/^E08000025,2009,users,all,,learning_disability,18-64,/E08000025,2009,users,all,,mental_health,18-64,/'
{ cat "$H"; sed -n 2p "$U"; } >"$C/usage_history/count-in-both-files.csv"  # repeats line 2 of the first usage file
recipe projection thousand-times-in-2030 "a 2030 cell 1,000 times too large (a thousands separator lost in a spreadsheet); 2030 has no published total" '1050s/,8110\.411\r$/,8110411\r/'
recipe projection huge-in-2030 "1e300 people in a 2030 cell" '1050s/,8110\.411\r$/,1e300\r/'
recipe projection jump-in-2030 "a 2030 cell five times the year before and after (a typo), under 10% of the area" '1050s/,8110\.411\r$/,40552\r/'
recipe projection cell-past-32-bit "a 2030 cell past the 32-bit range (4,294,967,296 people)" '1050s/,8110\.411\r$/,4294967296\r/'
recipe projection negative-zero "a negative zero in a 2030 cell" '1050s/,8110\.411\r$/,-0\r/'
recipe life_table lx-huge "lx of 1e300 survivors (a radix of 100,000)" '2s/,100000,426\.8,/,1e300,426.8,/'
recipe life_table ex-no-decimal-point "ex pasted without its decimal point (7948 years)" '2s/,79\.48\r$/,7948\r/'
recipe life_table dx-thousandfold "dx a thousand times too large" '2s/,426\.8,/,426800,/'
recipe projection value-changed-in-2035 "a 2035 cell changed by 50 people, inside the published totals: a real change the shipped calibration was not fitted on" '1055s/,8243\.499\r$/,8293.499\r/'
recipe projection trailing-space "a trailing space after a number (a padded export)" '5s/,7391\.395\r$/,7391.395 \r/'
# --- support files: an engagement fixture, its manifest entry, and a scenario that reads it ---
cat >"$C/support/birmingham_engagement_preferences.csv" <<'EOF'
source,question,option,group,count
"Test fixture, invented tallies",Which day opportunity would you prefer?,internal_day_centre,service users,120
"Test fixture, invented tallies",Which day opportunity would you prefer?,external_day_centre,service users,80
"Test fixture, invented tallies",Which day opportunity would you prefer?,community,service users,40
"Test fixture, invented tallies",Which day opportunity would you prefer?,direct_payment,carers,15
"Test fixture, invented tallies",Which day opportunity would you prefer?,no preference,carers,9
EOF
cat >"$C/support/engagement-sources-entry.toml" <<'EOF'

[[file]]
name = "birmingham_engagement_preferences.csv"
title = "Test fixture: engagement tallies of preferred day opportunities (invented numbers, bad-input corpus only)"
publisher = "dayopps tests"
table = "tests/e2e/bad_inputs/support/birmingham_engagement_preferences.csv"
licence = "test fixture, not data"
EOF
cat >"$C/support/with-engagement.toml" <<'EOF'
# The baseline plus one engagement file: the scenario the engagement cases run (bad_input_corpus.sh).
[scenario]
name = "with-engagement"
inherits = "birmingham-baseline.toml"

[inputs]
engagement = ["../data/birmingham_engagement_preferences.csv"]
EOF
G=$C/support/birmingham_engagement_preferences.csv
full engagement negative.csv "$G" '2s/,120$/,-120/'
full engagement thousands-quoted.csv "$G" '2s/,120$/,"1,200"/'
full engagement excel-na.csv "$G" '3s/,80$/,#N\/A/'
full engagement header-only.csv "$G" '2,$d'
full engagement missing-field.csv "$G" '3s/,80$//'
full engagement duplicate-row.csv "$G" '3p'

# --- sources.toml ---
S=$IN/data/sources.toml
full sources no-entry-for-projection.toml "$S" '8s/snpp2022/snpp2021/'
full sources published-total-wrong.toml "$S" '26s/persons = 1154221/persons = 1154231/'
full sources persons-thousands-string.toml "$S" '26s/persons = 1154221/persons = "1,154,221"/'
full sources persons-thousands-bare.toml "$S" '26s/persons = 1154221/persons = 1,154,221/'
full sources unknown-key.toml "$S" '12s/^licence/license/'
full sources missing-licence.toml "$S" '33d'
full sources wrong-sex.toml "$S" '18s/sex = "male"/sex = "males"/'
full sources total-year-outside-file.toml "$S" '17s/year = 2022/year = 2050/'
: >"$C/sources/empty.toml"
full sources truncated.toml "$S" '61s/\(.\{40\}\).*/\1/; 62,$d'
{ cat "$S"; printf '\n[[file]]\nname = "birmingham_snpp2022_population_by_sex_age.csv"\ntitle = "the same file described again, with another total"\npublisher = "Office for National Statistics"\ntable = "Table 2"\nlicence = "Open Government Licence v3.0"\n  [[file.published_total]]\n  year = 2022\n  persons = 1154000\n'; } >"$C/sources/duplicate-entry.toml"

# --- unit costs (PSS EX1) and the GDP deflator (finance) ---
UC=$IN/data/birmingham_pss_ex1_day_care_dp_unit_costs_2009_2014.csv
full unit_costs negative.csv "$UC" '631s/,unit_cost_gbp,306.3,/,unit_cost_gbp,-306.3,/'
full unit_costs not-a-number.csv "$UC" '631s/,unit_cost_gbp,306.3,/,unit_cost_gbp,n\/a,/'
full unit_costs thousands-separator.csv "$UC" '634s/,unit_cost_gbp,507.1,/,unit_cost_gbp,"5,071",/'
full unit_costs implausible.csv "$UC" '634s/,unit_cost_gbp,507.1,/,unit_cost_gbp,507100,/'
full unit_costs fractional-year.csv "$UC" '631s/,2013-14,day_care,/,2013.5,day_care,/'
full unit_costs other-area-only.csv "$UC" 's/^E08000025,Birmingham,/E08000026,Coventry,/; s/^E92000001,England,/E08000026,Coventry,/'
full unit_costs repeated-row.csv "$UC" '631p'
G=$IN/data/uk_gdp_deflator_hmt_december2023_update.csv
full gdp_deflator gap.csv "$G" '/^financial_year,2015-16,/d'
full gdp_deflator repeated-year.csv "$G" '/^financial_year,2015-16,/p'
full gdp_deflator forecast-without-change.csv "$G" 's/^financial_year,2025-26,,1.71,/financial_year,2025-26,,,/'
full gdp_deflator negative-index.csv "$G" 's/^financial_year,2013-14,80.886,/financial_year,2013-14,-80.886,/'

# --- care_need.toml ---
N=$IN/parameters/care_need.toml
full care_need value-changed.toml "$N" '103s/value = 0.0/value = 0.001/'
full care_need dementia-prevalence-percent.toml "$N" '177s/value = 0.171/value = 17.1/'
full care_need autism-prevalence-percent.toml "$N" '84s/value = 0.333/value = 33.3/'
full care_need ages-wrap-around.toml "$N" '48s/ages = \[0, 74\]/ages = [4294967296, 74]/'
full care_need mortality-ratio-as-smr.toml "$N" '49s/value = 3.99/value = 399/'
full care_need value-string.toml "$N" '84s/value = 0.333/value = "33.3%"/'
full care_need negative.toml "$N" '84s/value = 0.333/value = -0.333/'
full care_need nan.toml "$N" '84s/value = 0.333/value = nan/'
full care_need unknown-parameter.toml "$N" '34s/mild_prevalence/mild_prevalance/'
full care_need wrong-unit.toml "$N" '80s/unit = "proportion"/unit = "percent"/'
full care_need ages-gap.toml "$N" '115s/ages = \[65, 69\]/ages = [66, 69]/'
full care_need ages-overlap.toml "$N" '115s/ages = \[65, 69\]/ages = [64, 69]/'
full care_need assumption-without-derivation.toml "$N" '106d'
full care_need wrong-sex.toml "$N" '116s/sex = "male"/sex = "M"/'
full care_need missing-parameter.toml "$N" '/^\[parameter.physical_disability_serious_excess_mortality\]/,$d'
: >"$C/care_need/empty.toml"
full care_need truncated.toml "$N" '131s/\(.\{60\}\).*/\1/; 132,$d'
# the two below break Birmingham's own band (area = "E08000025"): the run uses it in place of the general one
full care_need all-age-share-two-bands.toml "$N" '21s/ages = \[0, 90\]/ages = [0, 64]/
25a\
  [[parameter.learning_disability_moderate_severe_prevalence.band]]\
  area = "E08000025"\
  ages = [65, 90]\
  value = 0.005\
  assumption = true\
  source = "as above"\
  derivation = "as above"'
full care_need prevalence-one.toml "$N" '22s/value = 0.00627/value = 1.0/'
full care_need area-not-a-code.toml "$N" '20s/area = "E08000025"/area = "Birmingham"/'
full care_need area-band-ages-short.toml "$N" '21s/ages = \[0, 90\]/ages = [0, 64]/'

# --- day_services.toml ---
D=$IN/parameters/day_services.toml
full day_services continuation-percent.toml "$D" '34s/internal_day_centre = 0.9,/internal_day_centre = 90,/'
full day_services choice-share-percent.toml "$D" '42s/internal_day_centre = 0.5,/internal_day_centre = 50,/'
full day_services shares-not-one.toml "$D" '42s/internal_day_centre = 0.5,/internal_day_centre = 0.6,/'
full day_services unknown-key.toml "$D" '42s/community = 0.0/comunity = 0.0/'
full day_services missing-key.toml "$D" '42s/, supported_employment = 0.0//'
full day_services policy-typo.toml "$D" '45s/policy = "wait"/policy = "queue"/'
full day_services duplicate-centre.toml "$D" '86s/"Fairway"/"Hockley"/'
full day_services unit-cost-year-format.toml "$D" 's/^years = \["2011-12"/years = ["2011\/12"/'
full day_services unit-cost-year-unpublished.toml "$D" 's/^years = \["2011-12", /years = ["2014-15", /'
full day_services unit-cost-year-twice.toml "$D" 's/^years = \["2011-12", "2012-13"/years = ["2013-14", "2012-13"/'
full day_services assumed-cost-percent.toml "$D" 's/^values = { community = 1.0,/values = { community = 100,/'
full day_services days-per-week.toml "$D" '101s/internal_day_centre = 3,/internal_day_centre = 8,/'
full day_services negative-places.toml "$D" '87s/places = 88/places = -88/'
full day_services users-thousands-string.toml "$D" '19s/users = 1600/users = "1,600"/'
full day_services users-thousands-bare.toml "$D" '19s/users = 1600/users = 1,600/'
: >"$C/day_services/empty.toml"
full day_services truncated.toml "$D" '52s/.*/[[cen/; 53,$d'
full day_services carer-share-percent.toml "$D" '94s/share_with_family_carer_18_64 = 0.3706/share_with_family_carer_18_64 = 37.06/'
full day_services anchor-more-users-than-people.toml "$D" '19s/users = 1600/users = 1000000/'
full day_services anchor-zero-users.toml "$D" '19s/users = 1600/users = 0/'
full day_services anchor-year-typo.toml "$D" '19s/year = 2019/year = 20190/'
full day_services carer-age-fractional.toml "$D" 's/carer_age_gap = 30,/carer_age_gap = 30.5,/'
full day_services anchor-year-fractional.toml "$D" '19s/year = 2019/year = 2019.5/'
full day_services user-mix-all-zero.toml "$D" '27s/\(_[0-9a-z_]* = \)[0-9.][0-9.]*/\10.0/g'
full day_services carer-breakdown-age-zero.toml "$D" '94s/carer_breakdown_age = 75/carer_breakdown_age = 0/'
full day_services user-mix-only-young-dementia.toml "$D" '27s/\(_[0-9a-z_]* = \)[0-9.][0-9.]*/\10.0/g; 27s/dementia_18_64 = 0.0/dementia_18_64 = 100.0/'
full day_services external-places.toml "$D" '50s/external_places = -1/external_places = -2/'

# --- calibrated parameters: copies of the committed seed, which matches the bundled inputs ---
K=$SRC/fuzz/seeds/calibrated_parameters.toml
full calibrated_parameters format-version.toml "$K" '7s/format_version = 3/format_version = 4/'
full calibrated_parameters wrong-area.toml "$K" "8s/'E08000025'/'E08000026'/"
full calibrated_parameters wrong-base-year.toml "$K" '9s/base_year = 2022/base_year = 2021/'
full calibrated_parameters tampered-digest.toml "$K" '23s/dcc57e50/dcc57e51/'
full calibrated_parameters short-digest.toml "$K" '23s/dcc57e5050d6edc6/dcc57e/'
full calibrated_parameters truncated.toml "$K" '33s/derived annual.*$/derived ann/; 34,$d'
: >"$C/calibrated_parameters/empty.toml"
full calibrated_parameters digest-deleted.toml "$K" '/^usage_1 = /d'
full calibrated_parameters digest-renamed.toml "$K" 's/^usage_1 = /usage_one = /'
full calibrated_parameters record-edited.toml "$K" "275s/= 'bc8442c446f734ea'/= 'bc8442c446f734eb'/"
full calibrated_parameters free-flipped.toml "$K" '0,/^free = true/s//free = false/'
full calibrated_parameters standard-error-edited.toml "$K" '0,/^standard_error = /s/^standard_error = \(.*\)$/standard_error = 1\1/'
full calibrated_parameters identified-flipped.toml "$K" 's/^identified = true/identified = false/'
full calibrated_parameters unit-edited.toml "$K" "s/^unit = 'multiplier on the derived annual start/unit = 'multiplier on the annual start/"
full calibrated_parameters covariance-names-twice.toml "$K" 's/^parameters = \["start_scale", "external_choice_constant", /parameters = ["start_scale", "start_scale", /'
full calibrated_parameters estimate-percent.toml "$K" '43s/estimate = 0.90000000000000002/estimate = 90/'
full calibrated_parameters asymmetric-covariance.toml "$K" '74s/^search_scale = \[\[\([^,]*\), [^,]*,/search_scale = [[\1, 0.5,/'
full calibrated_parameters not-positive-definite.toml "$K" '74s/, \([0-9.e-]*\)\]\]$/, -\1]]/'
full calibrated_parameters synthetic-truth.toml "$K" "22a\\
synthetic_truth = '4966621bdbaf04716c2e1a24196150fbb0052ed7716b6284d229a6505ebc3871'"
full calibrated_parameters unknown-key.toml "$K" '17a\
fitted_by = "me"'

# --- scenarios: copies of the baseline (its relative paths resolve in the runner's mirror of inputs/) ---
B=$IN/scenarios/birmingham-baseline.toml
full scenario unknown-key.toml "$B" '0,/^replications = /s//replicatons = /'
full scenario wrong-type.toml "$B" 's/^replications = 20 /replications = "20"/'
full scenario missing-area-code.toml "$B" '/^area_code = /d'
full scenario replications-zero.toml "$B" 's/^replications = 20 /replications = 0 /'
full scenario replications-billion.toml "$B" 's/^replications = 20 /replications = 1000000000 /'
full scenario negative-seed.toml "$B" 's/^master_seed = 20180731/master_seed = -1/'
full scenario seed-too-big.toml "$B" 's/^master_seed = 20180731/master_seed = 9223372036854775808/'
full scenario horizon-beyond-projection.toml "$B" 's/^horizon = 2040/horizon = 2048/'
full scenario base-year-outside-data.toml "$B" 's/^base_year = 2022/base_year = 2019/'
full scenario horizon-before-base-year.toml "$B" 's/^horizon = 2040/horizon = 2020/'
full scenario wrong-area.toml "$B" 's/^area_code = "E08000025"/area_code = "E08000026"/'
full scenario life-table-period.toml "$B" 's/^life_table_period = "2016-2018"/life_table_period = "2017-2019"/'
full scenario missing-input-file.toml "$B" 's#^life_table = "../data/#life_table = "../data/life_tables/#'
full scenario syntax-error.toml "$B" 's/^name = "birmingham-baseline"/name = "birmingham-baseline/'
full scenario threads.toml "$B" 's/^threads = 0 /threads = 2000 /'
: >"$C/scenario/empty.toml"
full scenario input-is-a-folder.toml "$B" 's#^life_table = "../data/[^"]*"#life_table = "../data"#'
full scenario discount-rate-percent.toml "$B" 's/^discount_rate = 0.035/discount_rate = 3.5/'
full scenario price-base-outside-deflator.toml "$B" 's/^price_base = "2022-23"/price_base = "1950-51"/'
full scenario price-base-forecast.toml "$B" 's/^price_base = "2022-23"/price_base = "2025-26"/'
full scenario price-base-format.toml "$B" 's/^price_base = "2022-23"/price_base = "2022\/23"/'
full scenario inflation-key-malformed.toml "$B" 's/^inflation = {}/inflation = { "2030" = 0.02 }/'
full scenario inflation-key-outside-run.toml "$B" 's/^inflation = {}/inflation = { "2045-46" = 0.02 }/'
full scenario inflation-percent.toml "$B" 's/^inflation = {}/inflation = { "2030-31" = 2.5 }/'
full scenario running-cost-unknown-centre.toml "$B" 's/^centre_running_cost = 0 /centre_running_cost_by_centre = { "Harbourne" = 250000 } /'
full scenario running-cost-negative.toml "$B" 's/^centre_running_cost = 0 /centre_running_cost = -5 /'
full scenario running-cost-exceeds-unit-cost.toml "$B" 's/^centre_running_cost = 0 /centre_running_cost = 9000000 /'
full scenario name-with-spaces.toml "$B" 's/^name = "birmingham-baseline"/name = "Birmingham baseline"/'
full scenario estimates-not-a-list.toml "$B" 's#^population_estimates = \[\(.*\), .*\]#population_estimates = \1#'
full scenario duplicate-estimate.toml "$B" 's#^population_estimates = \[\("[^"]*"\), .*\]#population_estimates = [\1, \1]#'
full scenario truncated.toml "$B" '/^usage = /{s/_day_serv.*$/_day_serv/; q}'
cat >"$C/scenario/inherits-missing-baseline.toml" <<'EOF'
[scenario]
name = "inherits-missing-baseline"
inherits = "birmingham-baseline-2019.toml"
EOF
cat >"$C/scenario/inherits-circular-a.toml" <<'EOF'
[scenario]
name = "inherits-circular-a"
inherits = "inherits-circular-b.toml"
EOF
cat >"$C/scenario/inherits-circular-b.toml" <<'EOF'
[scenario]
name = "inherits-circular-b"
inherits = "inherits-circular-a.toml"
EOF
cat >"$C/scenario/inherits-bad-value.toml" <<'EOF'
# Builds on a baseline whose replications = 0: the error should name that file and line.
[scenario]
name = "inherits-bad-value"
inherits = "replications-zero.toml"
EOF
cat >"$C/scenario/inherits-bad-key.toml" <<'EOF'
# Builds on a baseline with a misspelt key: the error names that file and line.
[scenario]
name = "inherits-bad-key"
inherits = "unknown-key.toml"
EOF
cat >"$C/scenario/lever-percent.toml" <<'EOF'
[scenario]
name = "lever-percent"
inherits = "birmingham-baseline.toml"

[levers.new_user_shift]
start_year = 2023
value = 50  # meant 50%

[levers.alternative_shares]
community = 0.5
direct_payment = 0.3
supported_employment = 0.2
EOF
cat >"$C/scenario/lever-shares-not-one.toml" <<'EOF'
[scenario]
name = "lever-shares-not-one"
inherits = "birmingham-baseline.toml"

[levers.new_user_shift]
start_year = 2023
value = 0.5

[levers.alternative_shares]
community = 0.5
direct_payment = 0.4
supported_employment = 0.2
EOF
cat >"$C/scenario/lever-start-before-base-year.toml" <<'EOF'
[scenario]
name = "lever-start-before-base-year"
inherits = "birmingham-baseline.toml"

[levers.start_reduction]
start_year = 2020
value = 0.1
EOF
cat >"$C/scenario/unknown-centre.toml" <<'EOF'
[scenario]
name = "unknown-centre"
inherits = "birmingham-baseline.toml"

[levers.consolidation]
year = 2025
close = ["Beeches GoLDD", "Hockly"]
EOF
cat >"$C/scenario/batch-horizon-2035.toml" <<'EOF'
[scenario]
name = "batch-horizon-2035"
inherits = "birmingham-baseline.toml"
horizon = 2035
EOF
cat >"$C/scenario/batch-same-name.toml" <<'EOF'
[scenario]
name = "birmingham-baseline"
inherits = "birmingham-baseline.toml"
EOF
cat >"$C/scenario/ld-survival-percent.toml" <<'EOF'
[scenario]
name = "ld-survival-percent"
inherits = "birmingham-baseline.toml"

[levers.learning_disability_survival]
start_year = 2023
full_year = 2040
value = 25
EOF
cat >"$C/scenario/centre-closed-twice.toml" <<'EOF'
[scenario]
name = "centre-closed-twice"
inherits = "birmingham-baseline.toml"

[levers.consolidation]
year = 2025
close = ["Beeches GoLDD", "Harborne", "Beeches GoLDD"]
EOF
cat >"$C/scenario/cohort-trend-out-of-range.toml" <<'EOF'
[scenario]
name = "cohort-trend-out-of-range"
inherits = "birmingham-baseline.toml"

[levers.learning_disability_cohort_trend]
value = 2  # meant 2%
EOF
full scenario history-from-after-base-year.toml "$B" 's/^history_from = 2009 /history_from = 2030 /'
full scenario validate-not-before-fit.toml "$B" 's/^validate_to_year = 2012 /fit_to_year = 2012\nvalidate_to_year = 2012 /'

# --- accepted: a council the unit-cost file lacks is priced at England's (the [unit_costs] fallback_area) ---
sed 's/^E08000025,Birmingham,/E08000026,Coventry,/' "$IN/data/birmingham_pss_ex1_day_care_dp_unit_costs_2009_2014.csv" \
  >"$C/accepted/unit_costs-england-fallback.csv"
# --- accepted: formatting the CSV reader takes ---
sed 's/$/\r/' "$IN/data/birmingham_day_service_users.csv" >"$C/accepted/usage-crlf.csv"
sed 's/\r$//; s/[^,]*/"&"/g; s/$/\r/' "$IN/data/birmingham_mye_mid2018_by_sex_age.csv" >"$C/accepted/estimate_2018-quoted-fields.csv"
{ cat "$IN/data/birmingham_mye_mid2011_by_sex_age.csv"; printf '\r\n\r\n\r\n'; } >"$C/accepted/estimate_2011-trailing-blank-lines.csv"
