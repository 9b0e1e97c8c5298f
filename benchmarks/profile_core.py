"""Profile the core in process on generated reports: python benchmarks/profile_core.py [tottime|cumtime]."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import random, time, json, cProfile, pstats, io, sys
import tests.synth as S
from app.parse import parse_text
from app.rules import check
from app.cli import report_json
rng = random.Random(1)
texts = [S.synth(S.SEED_KEYS[i % len(S.SEED_KEYS)], rng).render() for i in range(300)]
def run():
    for t in texts:
        r = parse_text(t); res = check(r); json.dumps(report_json(r,res), ensure_ascii=False)
run()
t=time.perf_counter(); run(); print("ms/report", (time.perf_counter()-t)/len(texts)*1000)
t=time.perf_counter()
rs=[parse_text(x) for x in texts]; t1=time.perf_counter()
cs=[check(r) for r in rs]; t2=time.perf_counter()
print("parse", (t1-t)/len(texts)*1000, "check", (t2-t1)/len(texts)*1000)
if len(sys.argv) > 1:
    pr=cProfile.Profile(); pr.enable(); run(); pr.disable()
    s=io.StringIO(); pstats.Stats(pr,stream=s).sort_stats(sys.argv[1]).print_stats(25); print(s.getvalue()[:5000])
