# a 2030 cell past the 32-bit range (4,294,967,296 people)
1050s/,8110\.411\r$/,4294967296\r/
