# CRLF line endings (saved on Windows)
s/$/\r/
