# one row of the period used labelled with another area
4s/^England and Wales,/Birmingham,/
