# qx written as a percentage: 33.9148 for 0.339148 (female, age 100, 2016-2018)
203s/,0\.339148,/,33.9148,/
