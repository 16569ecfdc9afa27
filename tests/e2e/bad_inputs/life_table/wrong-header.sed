# capitalised column names
1s/^area,period,/Area,Period,/
