#!/usr/bin/env python3
"""Writes the demo board's training brochure (a long library document, over
50 KB) from the course list below. Our own words; the dates and venues are
illustrative. Run: python3 tools/generate_brochure.py > board/library/training-brochure-2025-26.md
"""
courses = [
    ("Safeguarding basics for everyone who works with children", "Anyone in any role", 3, "level 1",
     ["say what safeguarding and child protection mean", "recognise the main signs of abuse and neglect", "know who to tell and how, the same day"]),
    ("Working together: roles and responsibilities", "Practitioners new to multi-agency work", 6, "level 2",
     ["describe what each partner on the board does", "explain the thresholds for early help and statutory services", "share information lawfully and safely"]),
    ("Recognising and responding to neglect", "Practitioners in universal and targeted services", 6, "level 2",
     ["spot the cumulative signs of neglect", "use a graded assessment tool", "avoid drift by setting review points"]),
    ("Domestic abuse and its impact on children", "Practitioners and managers", 6, "level 2",
     ["understand coercive control", "assess risk to children living with domestic abuse", "make referrals to the right service"]),
    ("Parental mental ill-health and children", "Adult and children's practitioners", 3, "level 2",
     ["see the child behind the adult's needs", "ask about caring responsibilities", "plan jointly across adults' and children's services"]),
    ("Parental substance misuse", "Adult and children's practitioners", 3, "level 2",
     ["recognise how drug and alcohol use affects parenting", "work with treatment services", "review safety plans"]),
    ("Child sexual exploitation (CSE): awareness", "All practitioners", 3, "level 2",
     ["recognise grooming and the signs of CSE", "use the exploitation screening tool", "refer to the multi-agency exploitation group"]),
    ("Child sexual exploitation: disruption and investigation", "Police, social care and health", 6, "level 3",
     ["plan disruption activity", "gather and share intelligence", "support victims through investigation"]),
    ("Children missing from home, care and education", "Practitioners and foster carers", 3, "level 2",
     ["know the missing protocol for children looked after (CLA) and others", "carry out return interviews", "spot patterns that point to exploitation"]),
    ("Safer recruitment", "Managers who recruit", 6, "level 3",
     ["design recruitment that deters unsuitable applicants", "check references and gaps in history", "keep a safer culture after appointment"]),
    ("Managing allegations against people who work with children", "Managers and designated leads", 3, "level 3",
     ["know when to contact the local authority designated officer (LADO)", "run a fair process", "support everyone involved"]),
    ("Private fostering: spotting the hidden children", "Schools, health and community groups", 2, "level 1",
     ["define private fostering", "know the duty to notify", "raise awareness in communities"]),
    ("Safeguarding disabled children", "Practitioners", 6, "level 2",
     ["understand why disabled children are at higher risk", "communicate with children who do not use speech", "avoid attributing signs to disability"]),
    ("Online safety for practitioners", "All practitioners", 3, "level 1",
     ["understand the risks children meet online", "advise parents and carers", "respond to online abuse"]),
    ("Gangs, county lines and serious youth violence", "Practitioners working with adolescents", 6, "level 2",
     ["recognise criminal exploitation", "work with the youth offending service", "plan contextual safeguarding"]),
    ("The child's voice in assessments", "Social workers and health practitioners", 3, "level 3",
     ["use direct work tools", "record the child's own words", "show how views changed the plan"]),
    ("Chairing child protection conferences", "Conference chairs and managers", 6, "level 3",
     ["run a strengths and risks conference", "involve parents and children", "write plans that can be measured"]),
    ("Core groups that make plans work", "Core group members", 3, "level 3",
     ["turn a plan into actions", "review progress honestly", "escalate when the plan is not working"]),
    ("Learning from case reviews", "All practitioners and managers", 3, "level 2",
     ["know the themes from recent reviews", "apply them to your own practice", "contribute to a learning review"]),
    ("Section 11 audits for designated leads", "Safeguarding leads in partner agencies", 3, "level 3",
     ["complete the self-assessment", "gather evidence", "present your return to the quality assurance group"]),
    ("Supervision for safeguarding practice", "Supervisors", 6, "level 3",
     ["use reflective supervision", "spot drift and optimism bias", "record decisions clearly"]),
    ("Early help assessment and the team around the family", "Early help practitioners", 6, "level 2",
     ["complete an early help assessment", "lead a team around the family", "step up and step down safely"]),
    ("Female genital mutilation: duty and response", "Health, education and social care", 3, "level 2",
     ["know the mandatory reporting duty", "talk sensitively with families", "refer appropriately"]),
    ("Forced marriage and honour-based abuse", "Practitioners", 3, "level 2",
     ["recognise warning signs", "know the one chance rule", "work with specialist services"]),
    ("Safeguarding in education: designated leads", "Designated safeguarding leads in schools", 6, "level 3",
     ["lead safeguarding in a school", "keep records that stand up", "work with children's social care"]),
    ("Safeguarding for elected members", "Councillors", 2, "members",
     ["understand the council's statutory roles", "ask good questions of reports", "act as a corporate parent"]),
    ("Corporate parenting for councillors", "Councillors", 2, "members",
     ["know what children in care say they need", "read performance reports critically", "champion care leavers"]),
    ("Trauma-informed practice", "All practitioners", 3, "level 2",
     ["understand the effects of trauma", "avoid re-traumatising children", "look after your own wellbeing"]),
]
venues = ["County Hall, Westmere", "Riverside Community Centre", "Eastfield Health Campus", "Northgate Library", "Online (video call)", "Southmoor Fire Station training room"]
months = ["April", "May", "June", "July", "September", "October", "November", "January", "February", "March"]

print("""---
title: "Multi-agency safeguarding training brochure 2025/26"
category: training-material
organisation: Westmere Safeguarding Children Board
published: 2025-03-15
review_date: 2026-03-31
summary: "Every course in the board's multi-agency training programme for 2025/26: who it is for, what you will learn, the level, dates and venues, and how to book."
sources:
  - "London Borough of Bromley, joint scrutiny meeting, 7 May 2013: a board's multi-agency training programme and brochure"
---
# Multi-agency safeguarding training 2025/26

This brochure lists every course the board runs this year. Courses are free to staff and
volunteers of partner agencies, and to councillors. They are multi-agency on purpose: people
learn most about each other's roles by training together.

## How the programme is organised

| Level | Who it is for |
|---|---|
| Level 1 | Everyone who works with children or families, in any role |
| Level 2 | Practitioners who work directly with children and families |
| Level 3 | Practitioners and managers with lead or specialist responsibilities |
| Members | Elected members of the council |

## How to book

Book through the board's business unit. Tell us about access needs when you book. If you cannot
attend, cancel at least five working days before so that someone else can take your place.

## Evaluating the programme

This year the board will ask every participant, three months after their course, what they now
do differently. The results will be in the annual report.
""")
n = 0
for i, (title, audience, hours, level, outcomes) in enumerate(courses):
    n += 1
    print(f"\n## {n}. {title}\n")
    print(f"**For:** {audience}.  **Level:** {level}.  **Length:** {hours} hours.\n")
    print("### What you will be able to do\n")
    for o in outcomes:
        print(f"- {o[0].upper() + o[1:]};")
    print("\n### About the course\n")
    print(f"This {'half-day' if hours <= 3 else 'full-day'} course is for {audience.lower()}. It uses short case studies, written by the board's "
          f"trainers, that follow a family through the services they meet. Participants work in mixed-agency groups, so that a "
          f"teacher, a health visitor, a police officer and a social worker look at the same situation together and hear how each "
          f"would respond. The course ends with a plan for what each participant will do differently in the next month.\n")
    why = {
        "level 1": "Most children who are harmed were known to someone who noticed something small. A level 1 course makes sure that everyone, "
                   "whatever their job, knows that what they notice matters and knows exactly what to do with it on the same day.",
        "level 2": "Practitioners at this level are often the first to see a pattern. The course builds confidence to name a concern, record "
                   "it well, share it with the right partner and follow it up, rather than waiting for someone else to act.",
        "level 3": "Leads and specialists shape how whole teams respond. This course looks at the decisions that reviews most often find "
                   "difficult, and at how to supervise, challenge and escalate so that plans do not drift.",
        "members": "Councillors hold the council to account and are corporate parents to every child in its care. The session explains the "
                   "statutory roles and the questions that get behind the numbers in a performance report.",
    }[level]
    print("### Why this matters\n")
    print(why + "\n")
    print("### Dates and venues\n")
    print("| Date | Venue | Places |")
    print("|---|---|---|")
    for k in range(7):
        month = months[(i + 3 * k) % len(months)]
        day = 3 + (i * 7 + k * 5) % 24
        year = 2026 if month in ("January", "February", "March") else 2025
        venue = venues[(i + k) % len(venues)]
        places = 12 + (i * 3 + k * 5) % 18
        print(f"| {day} {month} {year} | {venue} | {places} |")
    print("\n### Before you come\n")
    print("Read the board's threshold guidance and bring an example from your own work (with no names or details that could identify "
          "anyone). If you are a manager, check that your team's training records are up to date.\n")
    print("### After the course\n")
    print("You will receive a certificate and a short survey. Three months later we will ask what has changed in your practice. "
          "Managers are asked to discuss the course in the participant's next supervision.\n")

print("""
# Conference

The board's annual conference is in the autumn. This year's theme is neglect. Councillors are
invited; places are limited.

# Questions

Contact the board's business unit.
""")
