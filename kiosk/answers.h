/* answers.h: the touch controls of a question that is neither choices nor typing, laid out
 * with the kit (kit.h): a range (a button a value, or a stepper), a date picker (day, month,
 * year), a time picker (hour, minutes) and an acknowledge (one button). Taps come back as
 * A_PICK and A_ACK (app.h). Knows no SDL. */
#ifndef CHORUS_ANSWERS_H
#define CHORUS_ANSWERS_H

#include "app.h"

/* Lays out the control of question q (range, date, time, acknowledge) inside area. Returns 1,
 * or 0 when q is none of these (nothing is added). */
int answers_control(const App *a, View *v, const Question *q, Rect area);

/* 1 if q is set on a picker (a date, a time, a range too long for a button a value): on a
 * group's screen, where its rows do not fit, answers_control() lays out its value as a field
 * that opens it (A_FIELD), and the question screen then shows the picker alone. */
int answers_picks(const Question *q);

/* Applies a tap on a range's value or step, or a picker's step (A_PICK's argument): an
 * unanswered picker first takes its starting value (today for a date, noon for a time, a
 * range's first value); later taps move it. An argument naming nothing changes nothing. */
void answers_pick(App *a, int arg);

#endif
