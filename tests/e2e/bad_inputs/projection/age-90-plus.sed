# ONS style open age group: '90+' instead of 90 in every row of age 90
s/ale,90,/ale,90+,/
