# file cut in the middle of line 2000
2000s/,2[0-9]*,[0-9.]*\r$/,20/
2001,$d
