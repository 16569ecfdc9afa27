# a 2030 cell 1,000 times too large (a thousands separator lost in a spreadsheet); 2030 has no published total
1050s/,8110\.411\r$/,8110411\r/
