# the row for female, age 100, 2016-2018 deleted
/^England and Wales,2016-2018,female,100,/d
