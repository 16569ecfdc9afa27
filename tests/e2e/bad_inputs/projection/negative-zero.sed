# a negative zero in a 2030 cell
1050s/,8110\.411\r$/,-0\r/
