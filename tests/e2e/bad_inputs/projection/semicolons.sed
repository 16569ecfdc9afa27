# semicolon separators (European Excel)
s/,/;/g
