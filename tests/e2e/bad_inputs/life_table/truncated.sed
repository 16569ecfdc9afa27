# file cut in the middle of line 150
150s/,[0-9.]*,[0-9.]*,[0-9.]*\r$/,9/
151,$d
