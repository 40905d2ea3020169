"""Two-sided 95 % Student-t critical values t_{0.975}(df) for df = 1..100, the table in
Sources/Lab/Reports/StudentT.swift. Produced with Python 3.11, scipy (version printed in the output).
Run: python3 Fixtures/harness/t_quantiles.py > Fixtures/harness/t_quantiles.txt
"""
import scipy
from scipy.stats import t

print(f"# scipy {scipy.__version__}: t.ppf(0.975, df) for df = 1..100")
for df in range(1, 101):
    print(f"{df} {t.ppf(0.975, df):.17g}")
