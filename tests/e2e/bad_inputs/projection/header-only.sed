# the header and no rows
2,$d
