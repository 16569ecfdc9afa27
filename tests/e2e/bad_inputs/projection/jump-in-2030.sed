# a 2030 cell five times the year before and after (a typo), under 10% of the area
1050s/,8110\.411\r$/,40552\r/
