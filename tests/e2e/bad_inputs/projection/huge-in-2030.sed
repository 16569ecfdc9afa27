# 1e300 people in a 2030 cell
1050s/,8110\.411\r$/,1e300\r/
