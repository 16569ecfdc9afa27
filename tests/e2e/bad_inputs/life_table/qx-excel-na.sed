# Excel #N/A in qx
2s/,0\.004268,/,#N\/A,/
