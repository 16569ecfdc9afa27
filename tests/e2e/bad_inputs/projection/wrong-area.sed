# one row of another area (Coventry, E08000026)
5s/^E08000025,/E08000026,/
