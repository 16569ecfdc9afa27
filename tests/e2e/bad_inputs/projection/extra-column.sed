# an extra notes column (header and rows)
1s/\r$/,notes\r/
2,$s/\r$/,\r/
