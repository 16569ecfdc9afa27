# every population rounded to whole people (which the model integerises them to)
BEGIN { FS = OFS = "," }
NR == 1 { print; next }
{ sub(/\r$/, "", $NF); $NF = sprintf("%d", $NF + 0.5); print $0 "\r" }
