#!/usr/bin/env python3
"""Generates the demo county's locality figures (values.csv) deterministically.

The county is fictional. Its scale follows the real 2012/13 figures in the
Bromley briefing (London Borough of Bromley, joint scrutiny meeting, 7 May 2013:
10,069 contacts, 2,148 referrals, 177 children on child protection plans and
286 children in care), spread over six localities and six years with gentle
trends. Small counts are published as [c] with secondary suppression, exactly
as kiosk-bundle build checks. Run: python3 tools/generate_figures.py > council/values.csv
"""
import random

random.seed(20141305)
periods = ["2019-20", "2020-21", "2021-22", "2022-23", "2023-24", "2024-25"]
# share of the county's children in each locality
shares = {"northgate": 0.21, "riverside": 0.24, "eastfield": 0.17, "southmoor": 0.15, "westbrook": 0.06, "central": 0.17}
children_0_17 = {"northgate": 15800, "riverside": 18100, "eastfield": 12800, "southmoor": 11300, "westbrook": 4500, "central": 12800}
# county totals per period (latest ≈ the Bromley scale)
totals = {
    "contacts": [8900, 9300, 9650, 9800, 9950, 10069],
    "referrals": [2420, 2350, 2290, 2230, 2190, 2148],
    "cp_plans": [205, 214, 198, 188, 181, 177],
    "cla": [262, 270, 279, 283, 290, 286],
    "missing": [352, 318, 301, 333, 347, 329],
}
pct = {  # county percentages per period
    "re_referrals": [21.4, 20.1, 19.6, 18.8, 18.2, 17.5],
    "cp_2yrs": [5.9, 4.8, 4.1, 3.7, 3.1, 2.8],
    "care_leavers_eet": [46.0, 44.5, 48.2, 51.0, 53.6, 55.1],
}
england = {
    "cla_rate": [65.0, 67.0, 70.0, 71.0, 70.0, 70.0],
    "cp_rate": [43.7, 41.4, 42.1, 43.2, 41.6, 40.9],
    "re_referrals": [22.6, 22.7, 21.5, 22.4, 22.4, 21.8],
    "cp_2yrs": [3.6, 3.7, 3.5, 3.4, 3.6, 3.5],
    "care_leavers_eet": [52.0, 52.0, 55.0, 56.0, 55.0, 56.0],
}
total_children = sum(children_0_17.values())
rows = []


def split(total, period_index, tilt):
    """Splits a county total across localities with a per-locality drift."""
    raw = {}
    for i, (loc, s) in enumerate(shares.items()):
        drift = 1.0 + tilt * (i - 2.5) * (period_index - 2.5) / 40.0
        raw[loc] = s * drift * random.uniform(0.93, 1.07)
    k = total / sum(raw.values())
    vals = {loc: int(round(v * k)) for loc, v in raw.items()}
    # fix rounding so localities sum exactly to the county total
    diff = total - sum(vals.values())
    vals["riverside"] += diff
    return vals


def suppress(vals, threshold=5):
    """Primary [c] for 1..5, then secondary: the smallest other cell joins a lone
    [c], and more are added while the suppressed cells sum to 5 or less."""
    shown = {loc: (v if not (0 < v <= threshold) else None) for loc, v in vals.items()}
    hidden = [l for l, v in shown.items() if v is None]
    if hidden:
        while True:
            s = sum(vals[l] for l in hidden)
            if len(hidden) >= 2 and s > threshold:
                break
            cand = sorted((vals[l], l) for l in shown if shown[l] is not None)
            _, l = cand[0]
            shown[l] = None
            hidden.append(l)
    return shown


for key, series in totals.items():
    for pi, p in enumerate(periods):
        total = series[pi]
        vals = split(total, pi, tilt=1.0 if key != "missing" else -1.5)
        # Westbrook is small and rural: its child protection and care counts can be tiny.
        if key in ("cp_plans", "cla") and pi in (3, 4):
            moved = vals["westbrook"] - (4 if key == "cp_plans" else 5)
            vals["westbrook"] -= moved
            vals["riverside"] += moved
        shown = suppress(vals)
        rows.append((key, "county", p, str(total)))
        for loc, v in shown.items():
            rows.append((key, loc, p, "[c]" if v is None else str(v)))
        if key in ("cp_plans", "cla"):
            rate = "cp_rate" if key == "cp_plans" else "cla_rate"
            rows.append((rate, "county", p, f"{total / total_children * 10000:.1f}"))
            for loc, v in shown.items():
                rows.append((rate, loc, p, "[c]" if v is None else f"{v / children_0_17[loc] * 10000:.1f}"))
            rows.append((rate, "england", p, f"{england[rate][pi]:.1f}"))

for key, series in pct.items():
    for pi, p in enumerate(periods):
        county = series[pi]
        rows.append((key, "county", p, f"{county:.1f}"))
        for i, loc in enumerate(shares):
            if key == "care_leavers_eet" and loc == "westbrook":
                rows.append((key, loc, p, "[x]"))  # too few care leavers to report a percentage
                continue
            v = county * random.uniform(0.85, 1.15)
            rows.append((key, loc, p, f"{v:.1f}"))
        rows.append((key, "england", p, f"{england[key][pi]:.1f}" + (" [p]" if pi == 5 else "")))

print("indicator_id,locality_id,period_id,value,note")
for r in rows:
    print(",".join(r) + ",")
