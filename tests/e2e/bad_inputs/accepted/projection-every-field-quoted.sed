# every field in double quotes, the header too (a spreadsheet set to quote all)
s/\r$//
s/[^,]*/"&"/g
s/$/\r/
