# the projection column is missing (header and rows)
1s/,projection,/,/
2,$s/,2022-based SNPP migration category variant,/,/
