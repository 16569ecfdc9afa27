# NaN in mx
2s/,0\.004277,/,NaN,/
