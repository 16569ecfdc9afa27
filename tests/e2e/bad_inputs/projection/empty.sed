# an empty file (0 bytes)
d
