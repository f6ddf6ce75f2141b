# Pair-level grain check of the dated labelled sets (plain TF-IDF, title x2 + body, sublinear tf, IDF per
# set): for gold-same and gold-different article pairs by date gap, how their cosines compare. Run from the
# repo root with ../shared beside it: python3 src/eval/grain_pairs.py (Debian python3-numpy). A diagnostic, not
# part of the build or the tests; the README ("Event clusters", "Where the labels' grains meet") quotes it.
import json, re, math, collections
import numpy as np
from datetime import datetime
STOP=set("the a an and or of to in on at for with by from as is are was were be been it its this that these those he she they we you i his her their our not no but if then than so such into over after before about more most also has have had will would can could may might said says say who what when where which while there here up out new one two".split())
def toks(s): return [w for w in re.findall(r"[a-z0-9]+", s.lower()) if w not in STOP and len(w)>1]
def load(name):
    rows=[json.loads(l) for l in open(f'../shared/data/{name}/articles.jsonl')]
    return [r for r in rows if r.get('date')]
def vecs(rows):
    docs=[]
    for r in rows:
        c=collections.Counter(toks(r['title'] or '')*2+toks(r['text'] or ''))
        docs.append(c)
    df=collections.Counter(t for d in docs for t in d)
    N=len(docs); vocab={t:i for i,t in enumerate(df)}
    M=np.zeros((N,len(vocab)),dtype=np.float32)
    for i,d in enumerate(docs):
        for t,c in d.items(): M[i,vocab[t]]=(1+math.log(c))*math.log(N/df[t])
    M/=np.linalg.norm(M,axis=1,keepdims=True)+1e-9
    return M
def day(r): return datetime.fromisoformat(r['date'][:10]).toordinal()
out={}
for name in ['giveme5w1h','allsides-dev','gva-dev']:
    rows=load(name); M=vecs(rows); S=M@M.T
    d=np.array([day(r) for r in rows]); ev=np.array([str(r['event_id']) for r in rows])
    G=np.abs(d[:,None]-d[None,:]); same=ev[:,None]==ev[None,:]
    iu=np.triu_indices(len(rows),1)
    s,g,y=S[iu],G[iu],same[iu]
    out[name]=(s,g,y)
    for lo,hi in [(0,0),(1,3),(4,30),(31,10**6)]:
        m=(g>=lo)&(g<=hi)
        pos=s[m&y]; neg=s[m&~y]
        def q(a): return 'n=%d'%len(a)+(' med %.2f p25 %.2f p75 %.2f'%tuple(np.percentile(a,[50,25,75])) if len(a) else '')
        print(f"{name} gap {lo}-{hi}d  same: {q(pos)} | diff cos>=0.3: {int((neg>=0.3).sum())}, >=0.5: {int((neg>=0.5).sum())}")
# per gap bucket and set: same-event pairs (pos), then at every third threshold t the pairs at cosine >= t, as same/different
buckets=[(0,0),(1,3),(4,30),(31,10**6)]
ts=np.arange(0.1,0.95,0.05)
for lo,hi in buckets:
    line=f"gap {lo}-{hi}: "
    for name,(s,g,y) in out.items():
        m=(g>=lo)&(g<=hi)
        res=[]
        for t in ts:
            p=(s>=t)&m
            res.append((t,(p&y).sum(),(p&~y).sum()))
        line+=f"{name}: pos {int((m&y).sum())} "+' '.join(f"{t:.2f}:{tp}/{fp}" for t,tp,fp in res[::3])+" || "
    print(line)
