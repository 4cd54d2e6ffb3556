--
-- PostgreSQL database dump
--

\restrict cSeIbXSbvPmxnkHgwAEPOX4DNJvFD0BKLgigYsoM0HzU4FdGz5GK9cTxfAHBsXo

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: chorus_concat(text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.chorus_concat(acc text, v text, sep text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v  ELSE acc || sep || v END$$;


--
-- Name: chorus_concat1(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.chorus_concat1(acc text, v text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$SELECT chorus_concat(acc, v, ',')$$;


--
-- Name: instr(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.instr(text, text) RETURNS integer
    LANGUAGE sql IMMUTABLE
    AS $_$SELECT strpos($1, $2)$_$;


--
-- Name: group_concat(text); Type: AGGREGATE; Schema: public; Owner: -
--

CREATE AGGREGATE public.group_concat(text) (
    SFUNC = public.chorus_concat1,
    STYPE = text
);


--
-- Name: group_concat(text, text); Type: AGGREGATE; Schema: public; Owner: -
--

CREATE AGGREGATE public.group_concat(text, text) (
    SFUNC = public.chorus_concat,
    STYPE = text
);


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: answer; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.answer (
    response bigint NOT NULL,
    question text NOT NULL COLLATE pg_catalog."C",
    pos bigint NOT NULL,
    kind bigint NOT NULL,
    value text NOT NULL COLLATE pg_catalog."C"
);


--
-- Name: bundle; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.bundle (
    kiosk text NOT NULL COLLATE pg_catalog."C",
    seq bigint NOT NULL,
    digest bytea NOT NULL,
    file text NOT NULL COLLATE pg_catalog."C",
    records bigint NOT NULL,
    imported_on text NOT NULL COLLATE pg_catalog."C"
);


--
-- Name: chorus_schema; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.chorus_schema (
    version bigint NOT NULL
);


--
-- Name: response; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.response (
    ref bigint NOT NULL,
    id bytea NOT NULL,
    kiosk text NOT NULL COLLATE pg_catalog."C",
    seq bigint NOT NULL,
    form_id text NOT NULL COLLATE pg_catalog."C",
    form_version text NOT NULL COLLATE pg_catalog."C",
    day text NOT NULL COLLATE pg_catalog."C",
    session text NOT NULL COLLATE pg_catalog."C",
    lang text NOT NULL COLLATE pg_catalog."C",
    flags bigint NOT NULL,
    digest bytea NOT NULL,
    imported_on text NOT NULL COLLATE pg_catalog."C",
    aside text COLLATE pg_catalog."C",
    CONSTRAINT response_id_check CHECK ((length(id) = 16))
);


--
-- Name: counted_response; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.counted_response AS
 SELECT response.ref,
    response.id,
    response.kiosk,
    response.seq,
    response.form_id,
    response.form_version,
    response.day,
    response.session,
    response.lang,
    response.flags,
    response.digest,
    response.imported_on,
    response.aside
   FROM public.response
  WHERE (response.aside IS NULL);


--
-- Name: help_request; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.help_request (
    rowid bigint NOT NULL,
    kiosk text NOT NULL COLLATE pg_catalog."C",
    id bytea NOT NULL,
    request bytea NOT NULL,
    form_id text NOT NULL COLLATE pg_catalog."C",
    day text NOT NULL COLLATE pg_catalog."C",
    flags bigint NOT NULL,
    contact text NOT NULL COLLATE pg_catalog."C",
    imported_on text NOT NULL COLLATE pg_catalog."C",
    CONSTRAINT help_request_id_check CHECK ((length(id) = 16)),
    CONSTRAINT help_request_request_check CHECK ((length(request) = 16))
);


--
-- Name: help_request_rowid_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.help_request ALTER COLUMN rowid ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.help_request_rowid_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: kiosk; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.kiosk (
    name text NOT NULL COLLATE pg_catalog."C",
    public_key bytea NOT NULL,
    key_id text NOT NULL COLLATE pg_catalog."C",
    enrolled_on text NOT NULL COLLATE pg_catalog."C",
    revoked_on text COLLATE pg_catalog."C",
    revoked_from bigint,
    CONSTRAINT kiosk_public_key_check CHECK ((length(public_key) = 32))
);


--
-- Name: publication; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.publication (
    run bigint NOT NULL,
    period text NOT NULL COLLATE pg_catalog."C",
    made_on text NOT NULL COLLATE pg_catalog."C",
    last_ref bigint NOT NULL
);


--
-- Name: publication_run_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.publication ALTER COLUMN run ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.publication_run_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: published_figure; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.published_figure (
    rowid bigint NOT NULL,
    run bigint NOT NULL,
    tbl text NOT NULL COLLATE pg_catalog."C",
    series text NOT NULL COLLATE pg_catalog."C",
    first_day text NOT NULL COLLATE pg_catalog."C",
    last_day text NOT NULL COLLATE pg_catalog."C",
    value bigint NOT NULL,
    shown bigint NOT NULL
);


--
-- Name: published_figure_rowid_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.published_figure ALTER COLUMN rowid ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.published_figure_rowid_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: quarantine; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.quarantine (
    id bytea NOT NULL,
    kiosk text NOT NULL COLLATE pg_catalog."C",
    digest bytea NOT NULL,
    reason text NOT NULL COLLATE pg_catalog."C",
    sealed bytea,
    bundle text NOT NULL COLLATE pg_catalog."C",
    seq bigint NOT NULL,
    noted_on text NOT NULL COLLATE pg_catalog."C"
);


--
-- Name: receipt_code; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.receipt_code (
    code bytea NOT NULL,
    id bytea NOT NULL,
    CONSTRAINT receipt_code_code_check CHECK ((length(code) = 32)),
    CONSTRAINT receipt_code_id_check CHECK ((length(id) = 16))
);


--
-- Name: response_ref_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.response ALTER COLUMN ref ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.response_ref_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: withdrawal; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.withdrawal (
    code bytea NOT NULL,
    how text NOT NULL,
    asked_on text NOT NULL,
    done_on text,
    CONSTRAINT withdrawal_code_check CHECK ((length(code) = 32))
);


--
-- Data for Name: answer; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.answer (response, question, pos, kind, value) FROM stdin;
1	age_band	0	1	age_14_15
1	feel_safe	1	1	not_sure
1	feel_settled	2	1	not_sure
1	listened_to	3	1	most_of_the_time
1	adults_explain	4	1	always
1	understand_why_in_care	5	1	no
1	know_rights	6	1	no
1	know_complain	7	1	no
1	know_advocate	8	1	not_sure
1	used_advocate	9	1	not_sure
1	views_in_review	10	1	most_of_the_time
1	heard_of_cicc	11	1	not_sure
1	involved_cicc	12	1	maybe
1	anything_else	13	2	generated answer 0
2	age_band	0	1	age_14_15
2	feel_safe	1	1	no
2	feel_settled	2	1	no
2	listened_to	3	1	always
2	adults_explain	4	1	never
2	understand_why_in_care	5	1	not_sure
2	know_rights	6	1	yes
2	know_complain	7	1	no
2	know_advocate	8	1	yes
2	used_advocate	9	0	
2	views_in_review	10	1	never
2	heard_of_cicc	11	1	yes
2	involved_cicc	12	1	no_thanks
2	anything_else	13	2	generated answer 1
3	age_band	0	1	age_16_17
3	feel_safe	1	1	not_sure
3	feel_settled	2	1	yes
3	listened_to	3	1	never
3	adults_explain	4	1	hardly_ever
3	understand_why_in_care	5	1	no
3	know_rights	6	1	no
3	know_complain	7	1	yes
3	know_advocate	8	1	not_sure
3	used_advocate	9	1	no
3	views_in_review	10	1	sometimes
3	heard_of_cicc	11	0	
3	involved_cicc	12	1	maybe
3	anything_else	13	2	generated answer 2
4	age_band	0	0	
4	feel_safe	1	1	not_sure
4	feel_settled	2	1	no
4	listened_to	3	1	most_of_the_time
4	adults_explain	4	1	always
4	understand_why_in_care	5	1	yes
4	know_rights	6	1	not_sure
4	know_complain	7	1	yes
4	know_advocate	8	1	not_sure
4	used_advocate	9	1	not_sure
4	views_in_review	10	1	always
4	heard_of_cicc	11	1	no
4	involved_cicc	12	1	no_thanks
4	anything_else	13	2	generated answer 3
5	age_band	0	1	age_14_15
5	feel_safe	1	1	no
5	feel_settled	2	1	not_sure
5	listened_to	3	0	
5	adults_explain	4	1	most_of_the_time
5	understand_why_in_care	5	0	
5	know_rights	6	1	not_sure
5	know_complain	7	1	no
5	know_advocate	8	1	not_sure
5	used_advocate	9	1	not_sure
5	views_in_review	10	1	hardly_ever
5	heard_of_cicc	11	1	not_sure
5	involved_cicc	12	1	would_like
5	anything_else	13	2	generated answer 4
6	age_band	0	1	age_14_15
6	feel_safe	1	1	not_sure
6	feel_settled	2	1	yes
6	listened_to	3	1	most_of_the_time
6	adults_explain	4	1	never
6	understand_why_in_care	5	1	no
6	know_rights	6	1	no
6	know_complain	7	1	no
6	know_advocate	8	1	not_sure
6	used_advocate	9	1	yes
6	views_in_review	10	1	most_of_the_time
6	heard_of_cicc	11	1	not_sure
6	involved_cicc	12	1	would_like
6	anything_else	13	2	generated answer 5
7	age_band	0	1	age_11_13
7	feel_safe	1	1	no
7	feel_settled	2	1	yes
7	listened_to	3	1	always
7	adults_explain	4	1	most_of_the_time
7	understand_why_in_care	5	1	not_sure
7	know_rights	6	1	yes
7	know_complain	7	1	no
7	know_advocate	8	1	no
7	used_advocate	9	1	no
7	views_in_review	10	1	most_of_the_time
7	heard_of_cicc	11	1	yes
7	involved_cicc	12	1	maybe
7	anything_else	13	2	generated answer 6
8	age_band	0	1	age_16_17
8	feel_safe	1	1	not_sure
8	feel_settled	2	1	not_sure
8	listened_to	3	1	sometimes
8	adults_explain	4	1	always
8	understand_why_in_care	5	1	no
8	know_rights	6	1	no
8	know_complain	7	1	not_sure
8	know_advocate	8	1	yes
8	used_advocate	9	1	not_sure
8	views_in_review	10	1	most_of_the_time
8	heard_of_cicc	11	1	not_sure
8	involved_cicc	12	1	maybe
8	anything_else	13	2	generated answer 7
9	age_band	0	1	age_14_15
9	feel_safe	1	1	not_sure
9	feel_settled	2	1	no
9	listened_to	3	1	always
9	adults_explain	4	1	always
9	understand_why_in_care	5	1	not_sure
9	know_rights	6	1	not_sure
9	know_complain	7	1	no
9	know_advocate	8	1	not_sure
9	used_advocate	9	1	no
9	views_in_review	10	1	always
9	heard_of_cicc	11	1	no
9	involved_cicc	12	1	maybe
9	anything_else	13	2	generated answer 8
10	age_band	0	1	age_14_15
10	feel_safe	1	1	yes
10	feel_settled	2	1	no
10	listened_to	3	0	
10	adults_explain	4	1	most_of_the_time
10	understand_why_in_care	5	1	yes
10	know_rights	6	1	no
10	know_complain	7	1	not_sure
10	know_advocate	8	1	not_sure
10	used_advocate	9	1	not_sure
10	views_in_review	10	1	most_of_the_time
10	heard_of_cicc	11	1	not_sure
10	involved_cicc	12	1	maybe
10	anything_else	13	2	generated answer 9
11	age_band	0	1	age_11_13
11	feel_safe	1	1	not_sure
11	feel_settled	2	1	not_sure
11	listened_to	3	1	hardly_ever
11	adults_explain	4	1	always
11	understand_why_in_care	5	1	no
11	know_rights	6	1	yes
11	know_complain	7	1	not_sure
11	know_advocate	8	1	yes
11	used_advocate	9	1	yes
11	views_in_review	10	1	always
11	heard_of_cicc	11	1	yes
11	involved_cicc	12	1	would_like
11	anything_else	13	2	generated answer 10
12	age_band	0	1	age_16_17
12	feel_safe	1	1	not_sure
12	feel_settled	2	1	yes
12	listened_to	3	1	always
12	adults_explain	4	1	never
12	understand_why_in_care	5	1	yes
12	know_rights	6	1	not_sure
12	know_complain	7	1	not_sure
12	know_advocate	8	1	no
12	used_advocate	9	1	no
12	views_in_review	10	0	
12	heard_of_cicc	11	0	
12	involved_cicc	12	1	would_like
12	anything_else	13	2	generated answer 11
13	age_band	0	1	age_14_15
13	feel_safe	1	1	yes
13	feel_settled	2	1	yes
13	listened_to	3	1	hardly_ever
13	adults_explain	4	1	sometimes
13	understand_why_in_care	5	1	yes
13	know_rights	6	1	no
13	know_complain	7	1	not_sure
13	know_advocate	8	1	yes
13	used_advocate	9	1	yes
13	views_in_review	10	1	never
13	heard_of_cicc	11	1	not_sure
13	involved_cicc	12	1	would_like
13	anything_else	13	2	generated answer 12
14	age_band	0	1	age_14_15
14	feel_safe	1	1	no
14	feel_settled	2	1	yes
14	listened_to	3	1	always
14	adults_explain	4	1	hardly_ever
14	understand_why_in_care	5	1	no
14	know_rights	6	1	no
14	know_complain	7	1	yes
14	know_advocate	8	1	yes
14	used_advocate	9	1	no
14	views_in_review	10	1	most_of_the_time
14	heard_of_cicc	11	1	yes
14	involved_cicc	12	1	would_like
14	anything_else	13	0	
15	age_band	0	1	age_11_13
15	feel_safe	1	1	not_sure
15	feel_settled	2	1	not_sure
15	listened_to	3	1	always
15	adults_explain	4	1	hardly_ever
15	understand_why_in_care	5	1	not_sure
15	know_rights	6	1	no
15	know_complain	7	1	yes
15	know_advocate	8	1	no
15	used_advocate	9	1	no
15	views_in_review	10	1	most_of_the_time
15	heard_of_cicc	11	1	yes
15	involved_cicc	12	1	already
15	anything_else	13	2	generated answer 14
16	age_band	0	1	age_11_13
16	feel_safe	1	1	no
16	feel_settled	2	1	not_sure
16	listened_to	3	1	always
16	adults_explain	4	1	sometimes
16	understand_why_in_care	5	1	not_sure
16	know_rights	6	1	yes
16	know_complain	7	1	no
16	know_advocate	8	1	no
16	used_advocate	9	1	yes
16	views_in_review	10	1	most_of_the_time
16	heard_of_cicc	11	1	no
16	involved_cicc	12	1	no_thanks
16	anything_else	13	2	generated answer 15
17	age_band	0	1	age_11_13
17	feel_safe	1	1	no
17	feel_settled	2	1	no
17	listened_to	3	1	sometimes
17	adults_explain	4	1	hardly_ever
17	understand_why_in_care	5	1	no
17	know_rights	6	1	no
17	know_complain	7	1	no
17	know_advocate	8	1	yes
17	used_advocate	9	0	
17	views_in_review	10	1	never
17	heard_of_cicc	11	1	not_sure
17	involved_cicc	12	1	would_like
17	anything_else	13	2	generated answer 16
18	age_band	0	1	age_16_17
18	feel_safe	1	1	yes
18	feel_settled	2	1	yes
18	listened_to	3	1	most_of_the_time
18	adults_explain	4	1	always
18	understand_why_in_care	5	1	yes
18	know_rights	6	1	no
18	know_complain	7	1	not_sure
18	know_advocate	8	1	no
18	used_advocate	9	1	no
18	views_in_review	10	0	
18	heard_of_cicc	11	1	no
18	involved_cicc	12	1	no_thanks
18	anything_else	13	0	
19	age_band	0	1	age_11_13
19	feel_safe	1	0	
19	feel_settled	2	1	not_sure
19	listened_to	3	1	always
19	adults_explain	4	1	hardly_ever
19	understand_why_in_care	5	1	yes
19	know_rights	6	1	yes
19	know_complain	7	1	not_sure
19	know_advocate	8	1	no
19	used_advocate	9	1	not_sure
19	views_in_review	10	1	sometimes
19	heard_of_cicc	11	1	no
19	involved_cicc	12	1	maybe
19	anything_else	13	0	
20	age_band	0	1	age_16_17
20	feel_safe	1	1	no
20	feel_settled	2	0	
20	listened_to	3	1	never
20	adults_explain	4	1	hardly_ever
20	understand_why_in_care	5	1	no
20	know_rights	6	1	no
20	know_complain	7	1	no
20	know_advocate	8	1	yes
20	used_advocate	9	1	yes
20	views_in_review	10	0	
20	heard_of_cicc	11	1	yes
20	involved_cicc	12	1	maybe
20	anything_else	13	2	generated answer 19
21	age_band	0	1	age_16_17
21	feel_safe	1	1	yes
21	feel_settled	2	1	not_sure
21	listened_to	3	0	
21	adults_explain	4	1	most_of_the_time
21	understand_why_in_care	5	1	no
21	know_rights	6	1	yes
21	know_complain	7	1	yes
21	know_advocate	8	1	yes
21	used_advocate	9	1	no
21	views_in_review	10	1	sometimes
21	heard_of_cicc	11	1	yes
21	involved_cicc	12	1	already
21	anything_else	13	2	generated answer 20
22	age_band	0	1	age_14_15
22	feel_safe	1	1	not_sure
22	feel_settled	2	1	yes
22	listened_to	3	1	never
22	adults_explain	4	1	sometimes
22	understand_why_in_care	5	1	not_sure
22	know_rights	6	1	not_sure
22	know_complain	7	1	no
22	know_advocate	8	1	not_sure
22	used_advocate	9	1	not_sure
22	views_in_review	10	1	hardly_ever
22	heard_of_cicc	11	1	yes
22	involved_cicc	12	1	already
22	anything_else	13	0	
23	age_band	0	1	age_14_15
23	feel_safe	1	1	not_sure
23	feel_settled	2	1	yes
23	listened_to	3	0	
23	adults_explain	4	1	always
23	understand_why_in_care	5	1	not_sure
23	know_rights	6	1	not_sure
23	know_complain	7	1	not_sure
23	know_advocate	8	1	no
23	used_advocate	9	1	not_sure
23	views_in_review	10	1	always
23	heard_of_cicc	11	1	not_sure
23	involved_cicc	12	0	
23	anything_else	13	2	generated answer 22
24	age_band	0	1	age_16_17
24	feel_safe	1	1	yes
24	feel_settled	2	1	yes
24	listened_to	3	1	sometimes
24	adults_explain	4	1	sometimes
24	understand_why_in_care	5	1	no
24	know_rights	6	1	not_sure
24	know_complain	7	1	yes
24	know_advocate	8	1	yes
24	used_advocate	9	1	no
24	views_in_review	10	0	
24	heard_of_cicc	11	1	not_sure
24	involved_cicc	12	1	already
24	anything_else	13	2	generated answer 23
25	age_band	0	1	age_11_13
25	feel_safe	1	1	yes
25	feel_settled	2	1	no
25	listened_to	3	1	never
25	adults_explain	4	1	hardly_ever
25	understand_why_in_care	5	1	not_sure
25	know_rights	6	1	yes
25	know_complain	7	1	yes
25	know_advocate	8	0	
25	used_advocate	9	1	not_sure
25	views_in_review	10	1	hardly_ever
25	heard_of_cicc	11	1	no
25	involved_cicc	12	1	already
25	anything_else	13	2	generated answer 24
26	age_band	0	1	age_11_13
26	feel_safe	1	0	
26	feel_settled	2	1	yes
26	listened_to	3	1	sometimes
26	adults_explain	4	1	most_of_the_time
26	understand_why_in_care	5	1	no
26	know_rights	6	1	yes
26	know_complain	7	1	not_sure
26	know_advocate	8	1	not_sure
26	used_advocate	9	1	yes
26	views_in_review	10	1	never
26	heard_of_cicc	11	1	no
26	involved_cicc	12	1	already
26	anything_else	13	2	generated answer 25
27	age_band	0	1	age_16_17
27	feel_safe	1	1	not_sure
27	feel_settled	2	1	not_sure
27	listened_to	3	1	never
27	adults_explain	4	1	most_of_the_time
27	understand_why_in_care	5	1	yes
27	know_rights	6	1	not_sure
27	know_complain	7	1	no
27	know_advocate	8	1	yes
27	used_advocate	9	1	no
27	views_in_review	10	1	never
27	heard_of_cicc	11	1	not_sure
27	involved_cicc	12	0	
27	anything_else	13	2	generated answer 26
28	age_band	0	1	age_11_13
28	feel_safe	1	1	not_sure
28	feel_settled	2	1	yes
28	listened_to	3	1	most_of_the_time
28	adults_explain	4	0	
28	understand_why_in_care	5	1	no
28	know_rights	6	1	not_sure
28	know_complain	7	1	not_sure
28	know_advocate	8	1	no
28	used_advocate	9	0	
28	views_in_review	10	1	most_of_the_time
28	heard_of_cicc	11	1	not_sure
28	involved_cicc	12	1	maybe
28	anything_else	13	0	
29	age_band	0	1	age_16_17
29	feel_safe	1	1	yes
29	feel_settled	2	0	
29	listened_to	3	1	always
29	adults_explain	4	1	never
29	understand_why_in_care	5	1	not_sure
29	know_rights	6	1	no
29	know_complain	7	1	yes
29	know_advocate	8	0	
29	used_advocate	9	1	not_sure
29	views_in_review	10	1	hardly_ever
29	heard_of_cicc	11	1	yes
29	involved_cicc	12	1	would_like
29	anything_else	13	2	generated answer 28
30	age_band	0	1	age_14_15
30	feel_safe	1	1	yes
30	feel_settled	2	1	not_sure
30	listened_to	3	1	hardly_ever
30	adults_explain	4	1	most_of_the_time
30	understand_why_in_care	5	1	yes
30	know_rights	6	1	yes
30	know_complain	7	0	
30	know_advocate	8	1	not_sure
30	used_advocate	9	1	yes
30	views_in_review	10	1	hardly_ever
30	heard_of_cicc	11	1	no
30	involved_cicc	12	1	no_thanks
30	anything_else	13	2	generated answer 29
31	age_band	0	1	age_16_17
31	feel_safe	1	1	not_sure
31	feel_settled	2	1	not_sure
31	listened_to	3	1	sometimes
31	adults_explain	4	1	hardly_ever
31	understand_why_in_care	5	1	yes
31	know_rights	6	1	no
31	know_complain	7	1	not_sure
31	know_advocate	8	1	not_sure
31	used_advocate	9	1	yes
31	views_in_review	10	1	most_of_the_time
31	heard_of_cicc	11	1	no
31	involved_cicc	12	1	maybe
31	anything_else	13	2	generated answer 30
32	age_band	0	1	age_11_13
32	feel_safe	1	1	no
32	feel_settled	2	1	no
32	listened_to	3	1	sometimes
32	adults_explain	4	1	most_of_the_time
32	understand_why_in_care	5	1	not_sure
32	know_rights	6	1	not_sure
32	know_complain	7	1	not_sure
32	know_advocate	8	1	yes
32	used_advocate	9	1	not_sure
32	views_in_review	10	1	hardly_ever
32	heard_of_cicc	11	1	no
32	involved_cicc	12	1	would_like
32	anything_else	13	2	generated answer 31
33	age_band	0	1	age_14_15
33	feel_safe	1	1	no
33	feel_settled	2	1	not_sure
33	listened_to	3	1	most_of_the_time
33	adults_explain	4	1	sometimes
33	understand_why_in_care	5	1	not_sure
33	know_rights	6	1	no
33	know_complain	7	1	not_sure
33	know_advocate	8	1	not_sure
33	used_advocate	9	1	yes
33	views_in_review	10	1	hardly_ever
33	heard_of_cicc	11	1	yes
33	involved_cicc	12	1	would_like
33	anything_else	13	2	generated answer 32
34	age_band	0	1	age_11_13
34	feel_safe	1	1	yes
34	feel_settled	2	1	no
34	listened_to	3	0	
34	adults_explain	4	1	always
34	understand_why_in_care	5	1	not_sure
34	know_rights	6	1	no
34	know_complain	7	1	not_sure
34	know_advocate	8	1	yes
34	used_advocate	9	1	yes
34	views_in_review	10	1	sometimes
34	heard_of_cicc	11	1	yes
34	involved_cicc	12	1	maybe
34	anything_else	13	2	generated answer 33
35	age_band	0	1	age_14_15
35	feel_safe	1	1	no
35	feel_settled	2	1	no
35	listened_to	3	1	sometimes
35	adults_explain	4	1	most_of_the_time
35	understand_why_in_care	5	1	yes
35	know_rights	6	1	not_sure
35	know_complain	7	1	no
35	know_advocate	8	1	not_sure
35	used_advocate	9	1	not_sure
35	views_in_review	10	1	sometimes
35	heard_of_cicc	11	1	yes
35	involved_cicc	12	1	no_thanks
35	anything_else	13	2	generated answer 34
36	age_band	0	1	age_16_17
36	feel_safe	1	1	not_sure
36	feel_settled	2	1	yes
36	listened_to	3	1	hardly_ever
36	adults_explain	4	1	never
36	understand_why_in_care	5	1	yes
36	know_rights	6	1	no
36	know_complain	7	1	yes
36	know_advocate	8	1	yes
36	used_advocate	9	1	no
36	views_in_review	10	1	most_of_the_time
36	heard_of_cicc	11	1	no
36	involved_cicc	12	1	would_like
36	anything_else	13	2	generated answer 35
37	age_band	0	1	age_14_15
37	feel_safe	1	1	no
37	feel_settled	2	1	no
37	listened_to	3	1	sometimes
37	adults_explain	4	1	hardly_ever
37	understand_why_in_care	5	1	yes
37	know_rights	6	1	yes
37	know_complain	7	1	no
37	know_advocate	8	1	no
37	used_advocate	9	1	no
37	views_in_review	10	1	hardly_ever
37	heard_of_cicc	11	1	yes
37	involved_cicc	12	1	maybe
37	anything_else	13	2	generated answer 36
38	age_band	0	1	age_14_15
38	feel_safe	1	1	not_sure
38	feel_settled	2	1	yes
38	listened_to	3	1	never
38	adults_explain	4	1	never
38	understand_why_in_care	5	0	
38	know_rights	6	1	yes
38	know_complain	7	1	not_sure
38	know_advocate	8	1	not_sure
38	used_advocate	9	1	not_sure
38	views_in_review	10	1	always
38	heard_of_cicc	11	1	no
38	involved_cicc	12	1	maybe
38	anything_else	13	2	generated answer 37
39	age_band	0	1	age_11_13
39	feel_safe	1	1	not_sure
39	feel_settled	2	1	no
39	listened_to	3	1	most_of_the_time
39	adults_explain	4	1	never
39	understand_why_in_care	5	1	no
39	know_rights	6	1	not_sure
39	know_complain	7	1	yes
39	know_advocate	8	1	yes
39	used_advocate	9	1	not_sure
39	views_in_review	10	1	most_of_the_time
39	heard_of_cicc	11	0	
39	involved_cicc	12	1	no_thanks
39	anything_else	13	2	generated answer 38
40	age_band	0	1	age_14_15
40	feel_safe	1	1	no
40	feel_settled	2	1	yes
40	listened_to	3	1	most_of_the_time
40	adults_explain	4	1	most_of_the_time
40	understand_why_in_care	5	1	no
40	know_rights	6	1	yes
40	know_complain	7	1	no
40	know_advocate	8	1	yes
40	used_advocate	9	1	no
40	views_in_review	10	1	hardly_ever
40	heard_of_cicc	11	1	no
40	involved_cicc	12	1	would_like
40	anything_else	13	2	generated answer 39
41	age_band	0	1	age_11_13
41	feel_safe	1	1	not_sure
41	feel_settled	2	1	no
41	listened_to	3	1	never
41	adults_explain	4	1	hardly_ever
41	understand_why_in_care	5	1	no
41	know_rights	6	1	no
41	know_complain	7	1	yes
41	know_advocate	8	1	no
41	used_advocate	9	1	no
41	views_in_review	10	1	hardly_ever
41	heard_of_cicc	11	1	no
41	involved_cicc	12	1	maybe
41	anything_else	13	2	generated answer 40
42	age_band	0	1	age_16_17
42	feel_safe	1	1	no
42	feel_settled	2	1	not_sure
42	listened_to	3	1	always
42	adults_explain	4	1	never
42	understand_why_in_care	5	1	no
42	know_rights	6	1	not_sure
42	know_complain	7	1	not_sure
42	know_advocate	8	1	yes
42	used_advocate	9	1	not_sure
42	views_in_review	10	1	sometimes
42	heard_of_cicc	11	1	not_sure
42	involved_cicc	12	1	maybe
42	anything_else	13	2	generated answer 41
43	age_band	0	1	age_14_15
43	feel_safe	1	1	not_sure
43	feel_settled	2	1	yes
43	listened_to	3	1	most_of_the_time
43	adults_explain	4	1	hardly_ever
43	understand_why_in_care	5	1	yes
43	know_rights	6	1	no
43	know_complain	7	1	not_sure
43	know_advocate	8	1	yes
43	used_advocate	9	1	yes
43	views_in_review	10	1	most_of_the_time
43	heard_of_cicc	11	0	
43	involved_cicc	12	1	would_like
43	anything_else	13	2	generated answer 42
44	age_band	0	1	age_14_15
44	feel_safe	1	1	not_sure
44	feel_settled	2	1	not_sure
44	listened_to	3	1	most_of_the_time
44	adults_explain	4	1	never
44	understand_why_in_care	5	1	not_sure
44	know_rights	6	1	not_sure
44	know_complain	7	1	no
44	know_advocate	8	1	no
44	used_advocate	9	1	not_sure
44	views_in_review	10	1	sometimes
44	heard_of_cicc	11	1	yes
44	involved_cicc	12	1	no_thanks
44	anything_else	13	2	generated answer 43
45	age_band	0	1	age_11_13
45	feel_safe	1	1	yes
45	feel_settled	2	1	not_sure
45	listened_to	3	1	always
45	adults_explain	4	1	most_of_the_time
45	understand_why_in_care	5	1	yes
45	know_rights	6	1	not_sure
45	know_complain	7	1	yes
45	know_advocate	8	1	not_sure
45	used_advocate	9	1	no
45	views_in_review	10	1	never
45	heard_of_cicc	11	1	yes
45	involved_cicc	12	0	
45	anything_else	13	2	generated answer 44
46	age_band	0	1	age_11_13
46	feel_safe	1	1	yes
46	feel_settled	2	1	no
46	listened_to	3	1	sometimes
46	adults_explain	4	1	most_of_the_time
46	understand_why_in_care	5	1	no
46	know_rights	6	1	no
46	know_complain	7	1	yes
46	know_advocate	8	1	yes
46	used_advocate	9	1	no
46	views_in_review	10	1	most_of_the_time
46	heard_of_cicc	11	1	not_sure
46	involved_cicc	12	1	would_like
46	anything_else	13	2	generated answer 45
47	age_band	0	1	age_14_15
47	feel_safe	1	1	no
47	feel_settled	2	1	yes
47	listened_to	3	1	always
47	adults_explain	4	0	
47	understand_why_in_care	5	1	not_sure
47	know_rights	6	1	yes
47	know_complain	7	1	yes
47	know_advocate	8	1	no
47	used_advocate	9	1	not_sure
47	views_in_review	10	1	hardly_ever
47	heard_of_cicc	11	1	yes
47	involved_cicc	12	1	would_like
47	anything_else	13	2	generated answer 46
48	age_band	0	1	age_16_17
48	feel_safe	1	1	no
48	feel_settled	2	1	no
48	listened_to	3	1	never
48	adults_explain	4	1	most_of_the_time
48	understand_why_in_care	5	1	yes
48	know_rights	6	1	no
48	know_complain	7	1	not_sure
48	know_advocate	8	1	no
48	used_advocate	9	1	no
48	views_in_review	10	1	hardly_ever
48	heard_of_cicc	11	1	not_sure
48	involved_cicc	12	1	already
48	anything_else	13	2	generated answer 47
49	age_band	0	1	age_16_17
49	feel_safe	1	1	no
49	feel_settled	2	0	
49	listened_to	3	1	always
49	adults_explain	4	1	hardly_ever
49	understand_why_in_care	5	1	yes
49	know_rights	6	1	no
49	know_complain	7	1	not_sure
49	know_advocate	8	1	yes
49	used_advocate	9	1	not_sure
49	views_in_review	10	1	hardly_ever
49	heard_of_cicc	11	1	no
49	involved_cicc	12	1	maybe
49	anything_else	13	2	generated answer 48
50	age_band	0	1	age_14_15
50	feel_safe	1	1	not_sure
50	feel_settled	2	1	no
50	listened_to	3	1	never
50	adults_explain	4	1	sometimes
50	understand_why_in_care	5	1	yes
50	know_rights	6	1	yes
50	know_complain	7	1	no
50	know_advocate	8	1	yes
50	used_advocate	9	1	no
50	views_in_review	10	1	most_of_the_time
50	heard_of_cicc	11	1	yes
50	involved_cicc	12	1	no_thanks
50	anything_else	13	0	
51	age_band	0	1	age_16_17
51	feel_safe	1	1	no
51	feel_settled	2	1	no
51	listened_to	3	0	
51	adults_explain	4	1	sometimes
51	understand_why_in_care	5	1	no
51	know_rights	6	1	yes
51	know_complain	7	1	yes
51	know_advocate	8	1	not_sure
51	used_advocate	9	1	no
51	views_in_review	10	1	always
51	heard_of_cicc	11	1	not_sure
51	involved_cicc	12	1	already
51	anything_else	13	2	generated answer 50
52	age_band	0	1	age_16_17
52	feel_safe	1	1	yes
52	feel_settled	2	1	yes
52	listened_to	3	1	always
52	adults_explain	4	0	
52	understand_why_in_care	5	1	not_sure
52	know_rights	6	1	no
52	know_complain	7	1	yes
52	know_advocate	8	1	not_sure
52	used_advocate	9	1	yes
52	views_in_review	10	1	hardly_ever
52	heard_of_cicc	11	1	yes
52	involved_cicc	12	1	already
52	anything_else	13	2	generated answer 51
53	age_band	0	1	age_11_13
53	feel_safe	1	1	yes
53	feel_settled	2	1	not_sure
53	listened_to	3	1	never
53	adults_explain	4	1	never
53	understand_why_in_care	5	1	yes
53	know_rights	6	1	yes
53	know_complain	7	1	no
53	know_advocate	8	1	yes
53	used_advocate	9	1	no
53	views_in_review	10	1	never
53	heard_of_cicc	11	1	no
53	involved_cicc	12	1	already
53	anything_else	13	2	generated answer 52
54	age_band	0	1	age_16_17
54	feel_safe	1	1	not_sure
54	feel_settled	2	1	not_sure
54	listened_to	3	1	hardly_ever
54	adults_explain	4	1	always
54	understand_why_in_care	5	1	not_sure
54	know_rights	6	1	yes
54	know_complain	7	1	no
54	know_advocate	8	1	no
54	used_advocate	9	1	not_sure
54	views_in_review	10	1	never
54	heard_of_cicc	11	1	no
54	involved_cicc	12	1	maybe
54	anything_else	13	2	generated answer 53
55	age_band	0	1	age_11_13
55	feel_safe	1	1	not_sure
55	feel_settled	2	1	no
55	listened_to	3	1	sometimes
55	adults_explain	4	1	most_of_the_time
55	understand_why_in_care	5	1	not_sure
55	know_rights	6	0	
55	know_complain	7	0	
55	know_advocate	8	1	not_sure
55	used_advocate	9	1	no
55	views_in_review	10	1	never
55	heard_of_cicc	11	1	yes
55	involved_cicc	12	1	maybe
55	anything_else	13	2	generated answer 54
56	age_band	0	1	age_14_15
56	feel_safe	1	1	no
56	feel_settled	2	1	not_sure
56	listened_to	3	1	always
56	adults_explain	4	1	always
56	understand_why_in_care	5	0	
56	know_rights	6	1	no
56	know_complain	7	1	yes
56	know_advocate	8	0	
56	used_advocate	9	1	yes
56	views_in_review	10	1	never
56	heard_of_cicc	11	1	not_sure
56	involved_cicc	12	1	maybe
56	anything_else	13	2	generated answer 55
57	age_band	0	1	age_11_13
57	feel_safe	1	1	yes
57	feel_settled	2	0	
57	listened_to	3	1	most_of_the_time
57	adults_explain	4	1	hardly_ever
57	understand_why_in_care	5	1	yes
57	know_rights	6	1	yes
57	know_complain	7	1	not_sure
57	know_advocate	8	1	yes
57	used_advocate	9	1	not_sure
57	views_in_review	10	1	most_of_the_time
57	heard_of_cicc	11	1	not_sure
57	involved_cicc	12	1	would_like
57	anything_else	13	2	generated answer 56
58	age_band	0	1	age_11_13
58	feel_safe	1	1	yes
58	feel_settled	2	1	no
58	listened_to	3	1	always
58	adults_explain	4	1	never
58	understand_why_in_care	5	1	yes
58	know_rights	6	1	no
58	know_complain	7	1	not_sure
58	know_advocate	8	1	yes
58	used_advocate	9	1	not_sure
58	views_in_review	10	1	hardly_ever
58	heard_of_cicc	11	1	no
58	involved_cicc	12	1	no_thanks
58	anything_else	13	2	generated answer 57
59	age_band	0	1	age_11_13
59	feel_safe	1	1	no
59	feel_settled	2	1	no
59	listened_to	3	1	always
59	adults_explain	4	1	always
59	understand_why_in_care	5	0	
59	know_rights	6	1	no
59	know_complain	7	1	not_sure
59	know_advocate	8	1	not_sure
59	used_advocate	9	1	yes
59	views_in_review	10	1	never
59	heard_of_cicc	11	1	yes
59	involved_cicc	12	1	maybe
59	anything_else	13	2	generated answer 58
60	age_band	0	1	age_11_13
60	feel_safe	1	1	yes
60	feel_settled	2	1	no
60	listened_to	3	1	sometimes
60	adults_explain	4	1	hardly_ever
60	understand_why_in_care	5	1	no
60	know_rights	6	1	no
60	know_complain	7	1	not_sure
60	know_advocate	8	1	no
60	used_advocate	9	1	not_sure
60	views_in_review	10	1	always
60	heard_of_cicc	11	1	yes
60	involved_cicc	12	1	would_like
60	anything_else	13	2	generated answer 59
61	age_band	0	1	age_16_17
61	feel_safe	1	1	yes
61	feel_settled	2	1	not_sure
61	listened_to	3	1	most_of_the_time
61	adults_explain	4	1	hardly_ever
61	understand_why_in_care	5	1	yes
61	know_rights	6	1	not_sure
61	know_complain	7	1	yes
61	know_advocate	8	1	no
61	used_advocate	9	1	no
61	views_in_review	10	1	hardly_ever
61	heard_of_cicc	11	1	not_sure
61	involved_cicc	12	1	already
61	anything_else	13	2	generated answer 60
62	age_band	0	1	age_14_15
62	feel_safe	1	1	no
62	feel_settled	2	1	yes
62	listened_to	3	1	most_of_the_time
62	adults_explain	4	1	never
62	understand_why_in_care	5	1	no
62	know_rights	6	1	yes
62	know_complain	7	1	not_sure
62	know_advocate	8	1	not_sure
62	used_advocate	9	1	no
62	views_in_review	10	1	most_of_the_time
62	heard_of_cicc	11	1	no
62	involved_cicc	12	1	already
62	anything_else	13	2	generated answer 61
63	age_band	0	1	age_16_17
63	feel_safe	1	1	yes
63	feel_settled	2	1	yes
63	listened_to	3	1	most_of_the_time
63	adults_explain	4	1	most_of_the_time
63	understand_why_in_care	5	1	no
63	know_rights	6	1	no
63	know_complain	7	1	no
63	know_advocate	8	1	yes
63	used_advocate	9	1	yes
63	views_in_review	10	1	always
63	heard_of_cicc	11	1	not_sure
63	involved_cicc	12	1	no_thanks
63	anything_else	13	2	generated answer 62
64	age_band	0	1	age_14_15
64	feel_safe	1	1	not_sure
64	feel_settled	2	1	no
64	listened_to	3	1	hardly_ever
64	adults_explain	4	1	sometimes
64	understand_why_in_care	5	1	not_sure
64	know_rights	6	1	not_sure
64	know_complain	7	1	yes
64	know_advocate	8	1	not_sure
64	used_advocate	9	1	not_sure
64	views_in_review	10	1	sometimes
64	heard_of_cicc	11	1	not_sure
64	involved_cicc	12	1	would_like
64	anything_else	13	2	generated answer 63
65	age_band	0	1	age_16_17
65	feel_safe	1	1	yes
65	feel_settled	2	1	yes
65	listened_to	3	1	always
65	adults_explain	4	1	most_of_the_time
65	understand_why_in_care	5	1	yes
65	know_rights	6	1	yes
65	know_complain	7	1	yes
65	know_advocate	8	1	not_sure
65	used_advocate	9	1	yes
65	views_in_review	10	1	never
65	heard_of_cicc	11	0	
65	involved_cicc	12	1	maybe
65	anything_else	13	2	generated answer 64
66	age_band	0	1	age_11_13
66	feel_safe	1	1	not_sure
66	feel_settled	2	1	not_sure
66	listened_to	3	1	hardly_ever
66	adults_explain	4	1	most_of_the_time
66	understand_why_in_care	5	1	yes
66	know_rights	6	1	no
66	know_complain	7	1	not_sure
66	know_advocate	8	1	no
66	used_advocate	9	1	not_sure
66	views_in_review	10	1	never
66	heard_of_cicc	11	1	no
66	involved_cicc	12	1	no_thanks
66	anything_else	13	2	generated answer 65
67	age_band	0	1	age_11_13
67	feel_safe	1	1	yes
67	feel_settled	2	1	not_sure
67	listened_to	3	1	hardly_ever
67	adults_explain	4	0	
67	understand_why_in_care	5	1	not_sure
67	know_rights	6	1	not_sure
67	know_complain	7	1	yes
67	know_advocate	8	1	no
67	used_advocate	9	1	not_sure
67	views_in_review	10	1	always
67	heard_of_cicc	11	1	no
67	involved_cicc	12	1	no_thanks
67	anything_else	13	2	generated answer 66
68	age_band	0	1	age_16_17
68	feel_safe	1	1	no
68	feel_settled	2	1	not_sure
68	listened_to	3	1	always
68	adults_explain	4	1	always
68	understand_why_in_care	5	1	no
68	know_rights	6	1	yes
68	know_complain	7	1	not_sure
68	know_advocate	8	0	
68	used_advocate	9	1	yes
68	views_in_review	10	1	never
68	heard_of_cicc	11	1	no
68	involved_cicc	12	1	already
68	anything_else	13	2	generated answer 67
69	age_band	0	1	age_14_15
69	feel_safe	1	1	not_sure
69	feel_settled	2	1	yes
69	listened_to	3	1	most_of_the_time
69	adults_explain	4	1	sometimes
69	understand_why_in_care	5	1	not_sure
69	know_rights	6	1	no
69	know_complain	7	1	no
69	know_advocate	8	1	yes
69	used_advocate	9	1	no
69	views_in_review	10	1	never
69	heard_of_cicc	11	1	not_sure
69	involved_cicc	12	1	would_like
69	anything_else	13	2	generated answer 68
70	age_band	0	0	
70	feel_safe	1	1	not_sure
70	feel_settled	2	1	yes
70	listened_to	3	1	hardly_ever
70	adults_explain	4	1	never
70	understand_why_in_care	5	1	not_sure
70	know_rights	6	0	
70	know_complain	7	1	not_sure
70	know_advocate	8	1	yes
70	used_advocate	9	1	not_sure
70	views_in_review	10	0	
70	heard_of_cicc	11	1	yes
70	involved_cicc	12	1	would_like
70	anything_else	13	2	generated answer 69
71	age_band	0	1	age_11_13
71	feel_safe	1	1	not_sure
71	feel_settled	2	1	no
71	listened_to	3	1	most_of_the_time
71	adults_explain	4	1	never
71	understand_why_in_care	5	1	no
71	know_rights	6	1	yes
71	know_complain	7	1	no
71	know_advocate	8	1	yes
71	used_advocate	9	1	not_sure
71	views_in_review	10	1	hardly_ever
71	heard_of_cicc	11	1	no
71	involved_cicc	12	1	no_thanks
71	anything_else	13	2	generated answer 70
72	age_band	0	1	age_16_17
72	feel_safe	1	1	no
72	feel_settled	2	1	yes
72	listened_to	3	1	most_of_the_time
72	adults_explain	4	1	sometimes
72	understand_why_in_care	5	1	not_sure
72	know_rights	6	1	not_sure
72	know_complain	7	1	yes
72	know_advocate	8	1	yes
72	used_advocate	9	1	no
72	views_in_review	10	1	sometimes
72	heard_of_cicc	11	1	not_sure
72	involved_cicc	12	1	already
72	anything_else	13	2	generated answer 71
73	age_band	0	1	age_11_13
73	feel_safe	1	1	yes
73	feel_settled	2	1	no
73	listened_to	3	1	never
73	adults_explain	4	1	never
73	understand_why_in_care	5	1	yes
73	know_rights	6	1	no
73	know_complain	7	0	
73	know_advocate	8	1	yes
73	used_advocate	9	1	not_sure
73	views_in_review	10	1	always
73	heard_of_cicc	11	1	not_sure
73	involved_cicc	12	1	no_thanks
73	anything_else	13	2	generated answer 72
74	age_band	0	1	age_11_13
74	feel_safe	1	1	not_sure
74	feel_settled	2	1	no
74	listened_to	3	1	sometimes
74	adults_explain	4	1	sometimes
74	understand_why_in_care	5	1	yes
74	know_rights	6	1	no
74	know_complain	7	1	not_sure
74	know_advocate	8	1	not_sure
74	used_advocate	9	1	no
74	views_in_review	10	1	never
74	heard_of_cicc	11	1	not_sure
74	involved_cicc	12	1	already
74	anything_else	13	2	generated answer 73
75	age_band	0	1	age_14_15
75	feel_safe	1	1	no
75	feel_settled	2	1	not_sure
75	listened_to	3	1	sometimes
75	adults_explain	4	1	sometimes
75	understand_why_in_care	5	1	not_sure
75	know_rights	6	1	yes
75	know_complain	7	1	not_sure
75	know_advocate	8	1	not_sure
75	used_advocate	9	1	yes
75	views_in_review	10	1	always
75	heard_of_cicc	11	1	not_sure
75	involved_cicc	12	1	no_thanks
75	anything_else	13	2	generated answer 74
76	age_band	0	1	age_14_15
76	feel_safe	1	1	yes
76	feel_settled	2	1	yes
76	listened_to	3	1	sometimes
76	adults_explain	4	1	never
76	understand_why_in_care	5	1	not_sure
76	know_rights	6	1	not_sure
76	know_complain	7	1	yes
76	know_advocate	8	1	yes
76	used_advocate	9	1	no
76	views_in_review	10	0	
76	heard_of_cicc	11	1	not_sure
76	involved_cicc	12	1	would_like
76	anything_else	13	2	generated answer 75
77	age_band	0	1	age_16_17
77	feel_safe	1	1	yes
77	feel_settled	2	0	
77	listened_to	3	1	never
77	adults_explain	4	1	never
77	understand_why_in_care	5	1	not_sure
77	know_rights	6	1	no
77	know_complain	7	1	yes
77	know_advocate	8	1	no
77	used_advocate	9	1	no
77	views_in_review	10	1	sometimes
77	heard_of_cicc	11	1	no
77	involved_cicc	12	1	already
77	anything_else	13	2	generated answer 76
78	age_band	0	1	age_16_17
78	feel_safe	1	1	not_sure
78	feel_settled	2	1	no
78	listened_to	3	1	most_of_the_time
78	adults_explain	4	1	hardly_ever
78	understand_why_in_care	5	1	no
78	know_rights	6	1	yes
78	know_complain	7	1	no
78	know_advocate	8	1	yes
78	used_advocate	9	1	not_sure
78	views_in_review	10	1	most_of_the_time
78	heard_of_cicc	11	1	not_sure
78	involved_cicc	12	0	
78	anything_else	13	2	generated answer 77
79	age_band	0	1	age_11_13
79	feel_safe	1	1	not_sure
79	feel_settled	2	1	not_sure
79	listened_to	3	0	
79	adults_explain	4	1	most_of_the_time
79	understand_why_in_care	5	1	yes
79	know_rights	6	1	no
79	know_complain	7	1	yes
79	know_advocate	8	1	no
79	used_advocate	9	1	not_sure
79	views_in_review	10	1	most_of_the_time
79	heard_of_cicc	11	1	no
79	involved_cicc	12	1	no_thanks
79	anything_else	13	2	generated answer 78
80	age_band	0	1	age_11_13
80	feel_safe	1	1	not_sure
80	feel_settled	2	1	yes
80	listened_to	3	1	hardly_ever
80	adults_explain	4	1	always
80	understand_why_in_care	5	1	not_sure
80	know_rights	6	1	not_sure
80	know_complain	7	1	no
80	know_advocate	8	1	yes
80	used_advocate	9	0	
80	views_in_review	10	1	never
80	heard_of_cicc	11	1	no
80	involved_cicc	12	1	no_thanks
80	anything_else	13	2	generated answer 79
81	age_band	0	1	age_16_17
81	feel_safe	1	1	yes
81	feel_settled	2	1	no
81	listened_to	3	1	never
81	adults_explain	4	1	sometimes
81	understand_why_in_care	5	1	not_sure
81	know_rights	6	1	not_sure
81	know_complain	7	1	no
81	know_advocate	8	1	yes
81	used_advocate	9	1	not_sure
81	views_in_review	10	1	sometimes
81	heard_of_cicc	11	1	not_sure
81	involved_cicc	12	1	already
81	anything_else	13	2	generated answer 80
82	age_band	0	1	age_16_17
82	feel_safe	1	1	not_sure
82	feel_settled	2	1	yes
82	listened_to	3	1	always
82	adults_explain	4	1	never
82	understand_why_in_care	5	1	yes
82	know_rights	6	1	yes
82	know_complain	7	1	not_sure
82	know_advocate	8	1	no
82	used_advocate	9	1	not_sure
82	views_in_review	10	1	always
82	heard_of_cicc	11	1	no
82	involved_cicc	12	1	already
82	anything_else	13	2	generated answer 81
83	age_band	0	1	age_16_17
83	feel_safe	1	1	no
83	feel_settled	2	0	
83	listened_to	3	1	most_of_the_time
83	adults_explain	4	1	sometimes
83	understand_why_in_care	5	1	yes
83	know_rights	6	1	no
83	know_complain	7	1	yes
83	know_advocate	8	1	yes
83	used_advocate	9	1	no
83	views_in_review	10	1	most_of_the_time
83	heard_of_cicc	11	0	
83	involved_cicc	12	1	would_like
83	anything_else	13	2	generated answer 82
84	age_band	0	1	age_11_13
84	feel_safe	1	1	no
84	feel_settled	2	1	yes
84	listened_to	3	1	sometimes
84	adults_explain	4	1	hardly_ever
84	understand_why_in_care	5	1	yes
84	know_rights	6	1	no
84	know_complain	7	1	no
84	know_advocate	8	1	yes
84	used_advocate	9	1	no
84	views_in_review	10	1	most_of_the_time
84	heard_of_cicc	11	1	no
84	involved_cicc	12	1	maybe
84	anything_else	13	2	generated answer 83
85	age_band	0	1	age_16_17
85	feel_safe	1	1	yes
85	feel_settled	2	1	no
85	listened_to	3	1	most_of_the_time
85	adults_explain	4	1	hardly_ever
85	understand_why_in_care	5	1	yes
85	know_rights	6	1	not_sure
85	know_complain	7	1	not_sure
85	know_advocate	8	1	no
85	used_advocate	9	1	yes
85	views_in_review	10	1	most_of_the_time
85	heard_of_cicc	11	1	not_sure
85	involved_cicc	12	1	would_like
85	anything_else	13	2	generated answer 84
86	age_band	0	0	
86	feel_safe	1	1	yes
86	feel_settled	2	1	not_sure
86	listened_to	3	1	sometimes
86	adults_explain	4	1	most_of_the_time
86	understand_why_in_care	5	1	not_sure
86	know_rights	6	1	no
86	know_complain	7	1	no
86	know_advocate	8	1	no
86	used_advocate	9	1	not_sure
86	views_in_review	10	1	hardly_ever
86	heard_of_cicc	11	1	not_sure
86	involved_cicc	12	0	
86	anything_else	13	2	generated answer 85
87	age_band	0	1	age_11_13
87	feel_safe	1	1	yes
87	feel_settled	2	1	not_sure
87	listened_to	3	1	most_of_the_time
87	adults_explain	4	1	sometimes
87	understand_why_in_care	5	1	yes
87	know_rights	6	1	no
87	know_complain	7	1	not_sure
87	know_advocate	8	1	not_sure
87	used_advocate	9	1	no
87	views_in_review	10	1	always
87	heard_of_cicc	11	1	no
87	involved_cicc	12	1	would_like
87	anything_else	13	2	generated answer 86
88	age_band	0	1	age_11_13
88	feel_safe	1	1	no
88	feel_settled	2	1	not_sure
88	listened_to	3	1	hardly_ever
88	adults_explain	4	1	never
88	understand_why_in_care	5	1	yes
88	know_rights	6	1	no
88	know_complain	7	0	
88	know_advocate	8	1	yes
88	used_advocate	9	1	no
88	views_in_review	10	1	sometimes
88	heard_of_cicc	11	1	not_sure
88	involved_cicc	12	1	would_like
88	anything_else	13	2	generated answer 87
89	age_band	0	0	
89	feel_safe	1	1	no
89	feel_settled	2	1	not_sure
89	listened_to	3	1	most_of_the_time
89	adults_explain	4	1	always
89	understand_why_in_care	5	1	not_sure
89	know_rights	6	1	not_sure
89	know_complain	7	1	yes
89	know_advocate	8	1	yes
89	used_advocate	9	1	yes
89	views_in_review	10	1	hardly_ever
89	heard_of_cicc	11	1	no
89	involved_cicc	12	1	no_thanks
89	anything_else	13	2	generated answer 88
90	age_band	0	1	age_16_17
90	feel_safe	1	1	no
90	feel_settled	2	1	yes
90	listened_to	3	1	always
90	adults_explain	4	1	most_of_the_time
90	understand_why_in_care	5	1	not_sure
90	know_rights	6	1	no
90	know_complain	7	1	not_sure
90	know_advocate	8	1	yes
90	used_advocate	9	1	no
90	views_in_review	10	1	never
90	heard_of_cicc	11	1	no
90	involved_cicc	12	1	no_thanks
90	anything_else	13	2	generated answer 89
91	age_band	0	1	age_11_13
91	feel_safe	1	1	yes
91	feel_settled	2	1	no
91	listened_to	3	1	sometimes
91	adults_explain	4	1	never
91	understand_why_in_care	5	0	
91	know_rights	6	1	not_sure
91	know_complain	7	1	no
91	know_advocate	8	1	yes
91	used_advocate	9	1	no
91	views_in_review	10	1	always
91	heard_of_cicc	11	1	no
91	involved_cicc	12	1	maybe
91	anything_else	13	2	generated answer 90
92	age_band	0	1	age_14_15
92	feel_safe	1	1	yes
92	feel_settled	2	1	not_sure
92	listened_to	3	0	
92	adults_explain	4	1	hardly_ever
92	understand_why_in_care	5	1	no
92	know_rights	6	1	no
92	know_complain	7	1	not_sure
92	know_advocate	8	1	no
92	used_advocate	9	1	no
92	views_in_review	10	1	always
92	heard_of_cicc	11	0	
92	involved_cicc	12	1	already
92	anything_else	13	2	generated answer 91
93	age_band	0	1	age_14_15
93	feel_safe	1	1	not_sure
93	feel_settled	2	1	not_sure
93	listened_to	3	1	hardly_ever
93	adults_explain	4	1	sometimes
93	understand_why_in_care	5	1	not_sure
93	know_rights	6	1	yes
93	know_complain	7	1	no
93	know_advocate	8	1	yes
93	used_advocate	9	1	yes
93	views_in_review	10	1	sometimes
93	heard_of_cicc	11	1	no
93	involved_cicc	12	1	would_like
93	anything_else	13	2	generated answer 92
94	age_band	0	1	age_16_17
94	feel_safe	1	1	not_sure
94	feel_settled	2	1	yes
94	listened_to	3	1	sometimes
94	adults_explain	4	1	never
94	understand_why_in_care	5	1	not_sure
94	know_rights	6	1	yes
94	know_complain	7	1	yes
94	know_advocate	8	1	no
94	used_advocate	9	1	not_sure
94	views_in_review	10	1	sometimes
94	heard_of_cicc	11	1	not_sure
94	involved_cicc	12	1	maybe
94	anything_else	13	2	generated answer 93
95	age_band	0	0	
95	feel_safe	1	1	no
95	feel_settled	2	1	no
95	listened_to	3	1	never
95	adults_explain	4	1	sometimes
95	understand_why_in_care	5	1	no
95	know_rights	6	1	no
95	know_complain	7	1	yes
95	know_advocate	8	1	not_sure
95	used_advocate	9	1	no
95	views_in_review	10	1	sometimes
95	heard_of_cicc	11	1	not_sure
95	involved_cicc	12	0	
95	anything_else	13	2	generated answer 94
96	age_band	0	1	age_14_15
96	feel_safe	1	1	no
96	feel_settled	2	1	not_sure
96	listened_to	3	1	always
96	adults_explain	4	1	always
96	understand_why_in_care	5	1	not_sure
96	know_rights	6	1	yes
96	know_complain	7	1	no
96	know_advocate	8	1	no
96	used_advocate	9	1	yes
96	views_in_review	10	1	hardly_ever
96	heard_of_cicc	11	1	no
96	involved_cicc	12	1	already
96	anything_else	13	2	generated answer 95
97	age_band	0	1	age_16_17
97	feel_safe	1	1	yes
97	feel_settled	2	1	no
97	listened_to	3	1	sometimes
97	adults_explain	4	1	sometimes
97	understand_why_in_care	5	1	no
97	know_rights	6	1	not_sure
97	know_complain	7	1	not_sure
97	know_advocate	8	1	not_sure
97	used_advocate	9	0	
97	views_in_review	10	1	sometimes
97	heard_of_cicc	11	1	yes
97	involved_cicc	12	1	would_like
97	anything_else	13	2	generated answer 96
98	age_band	0	0	
98	feel_safe	1	1	not_sure
98	feel_settled	2	1	yes
98	listened_to	3	1	never
98	adults_explain	4	1	always
98	understand_why_in_care	5	1	not_sure
98	know_rights	6	1	yes
98	know_complain	7	1	yes
98	know_advocate	8	0	
98	used_advocate	9	0	
98	views_in_review	10	1	hardly_ever
98	heard_of_cicc	11	1	yes
98	involved_cicc	12	1	no_thanks
98	anything_else	13	2	generated answer 97
99	age_band	0	1	age_16_17
99	feel_safe	1	1	no
99	feel_settled	2	1	no
99	listened_to	3	1	always
99	adults_explain	4	1	always
99	understand_why_in_care	5	1	yes
99	know_rights	6	1	no
99	know_complain	7	1	yes
99	know_advocate	8	1	not_sure
99	used_advocate	9	1	yes
99	views_in_review	10	1	sometimes
99	heard_of_cicc	11	1	yes
99	involved_cicc	12	1	maybe
99	anything_else	13	2	generated answer 98
100	age_band	0	1	age_14_15
100	feel_safe	1	1	yes
100	feel_settled	2	1	not_sure
100	listened_to	3	1	never
100	adults_explain	4	1	never
100	understand_why_in_care	5	1	no
100	know_rights	6	1	yes
100	know_complain	7	1	no
100	know_advocate	8	1	yes
100	used_advocate	9	1	yes
100	views_in_review	10	1	hardly_ever
100	heard_of_cicc	11	1	no
100	involved_cicc	12	1	no_thanks
100	anything_else	13	2	generated answer 99
101	age_band	0	0	
101	feel_safe	1	1	no
101	feel_settled	2	1	not_sure
101	listened_to	3	1	never
101	adults_explain	4	1	always
101	understand_why_in_care	5	1	yes
101	know_rights	6	1	no
101	know_complain	7	1	no
101	know_advocate	8	1	yes
101	used_advocate	9	1	not_sure
101	views_in_review	10	1	most_of_the_time
101	heard_of_cicc	11	1	no
101	involved_cicc	12	1	maybe
101	anything_else	13	2	generated answer 100
102	age_band	0	1	age_14_15
102	feel_safe	1	1	no
102	feel_settled	2	1	yes
102	listened_to	3	1	always
102	adults_explain	4	1	most_of_the_time
102	understand_why_in_care	5	1	not_sure
102	know_rights	6	1	no
102	know_complain	7	1	not_sure
102	know_advocate	8	1	not_sure
102	used_advocate	9	1	not_sure
102	views_in_review	10	1	hardly_ever
102	heard_of_cicc	11	1	no
102	involved_cicc	12	1	no_thanks
102	anything_else	13	2	generated answer 101
103	age_band	0	1	age_11_13
103	feel_safe	1	1	yes
103	feel_settled	2	1	no
103	listened_to	3	1	hardly_ever
103	adults_explain	4	1	sometimes
103	understand_why_in_care	5	1	not_sure
103	know_rights	6	0	
103	know_complain	7	1	yes
103	know_advocate	8	1	not_sure
103	used_advocate	9	1	not_sure
103	views_in_review	10	1	never
103	heard_of_cicc	11	1	not_sure
103	involved_cicc	12	0	
103	anything_else	13	2	generated answer 102
104	age_band	0	1	age_11_13
104	feel_safe	1	1	no
104	feel_settled	2	1	not_sure
104	listened_to	3	1	never
104	adults_explain	4	1	always
104	understand_why_in_care	5	1	no
104	know_rights	6	1	not_sure
104	know_complain	7	1	yes
104	know_advocate	8	0	
104	used_advocate	9	1	no
104	views_in_review	10	1	most_of_the_time
104	heard_of_cicc	11	1	not_sure
104	involved_cicc	12	1	would_like
104	anything_else	13	2	generated answer 103
105	age_band	0	1	age_14_15
105	feel_safe	1	1	not_sure
105	feel_settled	2	1	not_sure
105	listened_to	3	1	most_of_the_time
105	adults_explain	4	1	hardly_ever
105	understand_why_in_care	5	1	no
105	know_rights	6	1	not_sure
105	know_complain	7	1	no
105	know_advocate	8	1	no
105	used_advocate	9	1	no
105	views_in_review	10	1	always
105	heard_of_cicc	11	1	not_sure
105	involved_cicc	12	1	already
105	anything_else	13	2	generated answer 104
106	age_band	0	1	age_14_15
106	feel_safe	1	1	no
106	feel_settled	2	1	not_sure
106	listened_to	3	0	
106	adults_explain	4	1	sometimes
106	understand_why_in_care	5	1	no
106	know_rights	6	1	yes
106	know_complain	7	1	not_sure
106	know_advocate	8	1	not_sure
106	used_advocate	9	1	no
106	views_in_review	10	1	always
106	heard_of_cicc	11	1	no
106	involved_cicc	12	1	maybe
106	anything_else	13	2	generated answer 105
107	age_band	0	1	age_14_15
107	feel_safe	1	1	not_sure
107	feel_settled	2	1	no
107	listened_to	3	1	most_of_the_time
107	adults_explain	4	1	sometimes
107	understand_why_in_care	5	1	yes
107	know_rights	6	1	not_sure
107	know_complain	7	1	not_sure
107	know_advocate	8	1	not_sure
107	used_advocate	9	1	yes
107	views_in_review	10	1	sometimes
107	heard_of_cicc	11	1	not_sure
107	involved_cicc	12	1	already
107	anything_else	13	2	generated answer 106
108	age_band	0	0	
108	feel_safe	1	1	no
108	feel_settled	2	1	not_sure
108	listened_to	3	1	hardly_ever
108	adults_explain	4	1	never
108	understand_why_in_care	5	1	yes
108	know_rights	6	0	
108	know_complain	7	1	not_sure
108	know_advocate	8	1	yes
108	used_advocate	9	1	yes
108	views_in_review	10	1	always
108	heard_of_cicc	11	1	not_sure
108	involved_cicc	12	0	
108	anything_else	13	2	generated answer 107
109	age_band	0	1	age_16_17
109	feel_safe	1	1	yes
109	feel_settled	2	1	yes
109	listened_to	3	1	always
109	adults_explain	4	1	hardly_ever
109	understand_why_in_care	5	1	yes
109	know_rights	6	1	yes
109	know_complain	7	1	not_sure
109	know_advocate	8	1	yes
109	used_advocate	9	1	yes
109	views_in_review	10	1	hardly_ever
109	heard_of_cicc	11	1	yes
109	involved_cicc	12	1	would_like
109	anything_else	13	2	generated answer 108
110	age_band	0	1	age_14_15
110	feel_safe	1	1	not_sure
110	feel_settled	2	1	yes
110	listened_to	3	1	sometimes
110	adults_explain	4	1	never
110	understand_why_in_care	5	1	not_sure
110	know_rights	6	1	not_sure
110	know_complain	7	1	no
110	know_advocate	8	1	yes
110	used_advocate	9	1	no
110	views_in_review	10	1	most_of_the_time
110	heard_of_cicc	11	1	not_sure
110	involved_cicc	12	1	already
110	anything_else	13	2	generated answer 109
111	age_band	0	1	age_11_13
111	feel_safe	1	1	yes
111	feel_settled	2	1	not_sure
111	listened_to	3	0	
111	adults_explain	4	1	sometimes
111	understand_why_in_care	5	0	
111	know_rights	6	1	yes
111	know_complain	7	1	no
111	know_advocate	8	1	no
111	used_advocate	9	1	not_sure
111	views_in_review	10	1	hardly_ever
111	heard_of_cicc	11	1	no
111	involved_cicc	12	1	would_like
111	anything_else	13	2	generated answer 110
112	age_band	0	1	age_11_13
112	feel_safe	1	1	no
112	feel_settled	2	1	not_sure
112	listened_to	3	1	never
112	adults_explain	4	1	always
112	understand_why_in_care	5	1	no
112	know_rights	6	1	no
112	know_complain	7	1	not_sure
112	know_advocate	8	1	no
112	used_advocate	9	1	no
112	views_in_review	10	1	always
112	heard_of_cicc	11	0	
112	involved_cicc	12	1	maybe
112	anything_else	13	2	generated answer 111
113	age_band	0	1	age_14_15
113	feel_safe	1	1	no
113	feel_settled	2	1	yes
113	listened_to	3	1	always
113	adults_explain	4	1	most_of_the_time
113	understand_why_in_care	5	1	no
113	know_rights	6	1	no
113	know_complain	7	1	no
113	know_advocate	8	1	yes
113	used_advocate	9	1	no
113	views_in_review	10	1	always
113	heard_of_cicc	11	1	not_sure
113	involved_cicc	12	0	
113	anything_else	13	2	generated answer 112
114	age_band	0	1	age_11_13
114	feel_safe	1	1	yes
114	feel_settled	2	1	yes
114	listened_to	3	1	always
114	adults_explain	4	1	most_of_the_time
114	understand_why_in_care	5	1	yes
114	know_rights	6	1	no
114	know_complain	7	1	yes
114	know_advocate	8	0	
114	used_advocate	9	1	no
114	views_in_review	10	1	never
114	heard_of_cicc	11	1	yes
114	involved_cicc	12	1	already
114	anything_else	13	2	generated answer 113
115	age_band	0	1	age_16_17
115	feel_safe	1	0	
115	feel_settled	2	1	no
115	listened_to	3	1	never
115	adults_explain	4	1	sometimes
115	understand_why_in_care	5	1	not_sure
115	know_rights	6	1	no
115	know_complain	7	1	no
115	know_advocate	8	1	yes
115	used_advocate	9	1	no
115	views_in_review	10	1	hardly_ever
115	heard_of_cicc	11	1	yes
115	involved_cicc	12	1	would_like
115	anything_else	13	2	generated answer 114
116	age_band	0	1	age_11_13
116	feel_safe	1	0	
116	feel_settled	2	1	yes
116	listened_to	3	1	never
116	adults_explain	4	1	always
116	understand_why_in_care	5	1	no
116	know_rights	6	1	not_sure
116	know_complain	7	1	not_sure
116	know_advocate	8	1	no
116	used_advocate	9	1	no
116	views_in_review	10	1	never
116	heard_of_cicc	11	1	yes
116	involved_cicc	12	1	maybe
116	anything_else	13	2	generated answer 115
117	age_band	0	1	age_14_15
117	feel_safe	1	1	yes
117	feel_settled	2	1	not_sure
117	listened_to	3	1	never
117	adults_explain	4	1	never
117	understand_why_in_care	5	1	no
117	know_rights	6	1	yes
117	know_complain	7	1	not_sure
117	know_advocate	8	1	yes
117	used_advocate	9	1	not_sure
117	views_in_review	10	1	most_of_the_time
117	heard_of_cicc	11	1	no
117	involved_cicc	12	1	no_thanks
117	anything_else	13	2	generated answer 116
118	age_band	0	1	age_16_17
118	feel_safe	1	1	yes
118	feel_settled	2	1	yes
118	listened_to	3	1	sometimes
118	adults_explain	4	1	sometimes
118	understand_why_in_care	5	1	yes
118	know_rights	6	1	yes
118	know_complain	7	1	yes
118	know_advocate	8	1	yes
118	used_advocate	9	1	not_sure
118	views_in_review	10	1	always
118	heard_of_cicc	11	1	yes
118	involved_cicc	12	1	already
118	anything_else	13	2	generated answer 117
119	age_band	0	1	age_14_15
119	feel_safe	1	1	not_sure
119	feel_settled	2	1	yes
119	listened_to	3	1	sometimes
119	adults_explain	4	1	never
119	understand_why_in_care	5	1	yes
119	know_rights	6	1	no
119	know_complain	7	1	yes
119	know_advocate	8	1	yes
119	used_advocate	9	1	not_sure
119	views_in_review	10	1	sometimes
119	heard_of_cicc	11	1	not_sure
119	involved_cicc	12	1	would_like
119	anything_else	13	0	
120	age_band	0	1	age_14_15
120	feel_safe	1	1	no
120	feel_settled	2	1	no
120	listened_to	3	1	never
120	adults_explain	4	1	most_of_the_time
120	understand_why_in_care	5	1	yes
120	know_rights	6	1	yes
120	know_complain	7	1	no
120	know_advocate	8	1	no
120	used_advocate	9	1	yes
120	views_in_review	10	1	hardly_ever
120	heard_of_cicc	11	1	yes
120	involved_cicc	12	1	maybe
120	anything_else	13	2	generated answer 119
121	age_band	0	0	
121	today_rating	1	1	bad
121	staff_listened	2	1	yes
121	felt_safe_here	3	1	not_sure
121	could_be_better	4	2	generated answer 0
122	age_band	0	1	age_16_17
122	today_rating	1	1	ok
122	staff_listened	2	1	yes
122	felt_safe_here	3	1	no
122	could_be_better	4	2	generated answer 1
123	age_band	0	1	age_11_15
123	today_rating	1	1	really_bad
123	staff_listened	2	1	yes
123	felt_safe_here	3	1	yes
123	could_be_better	4	2	generated answer 2
124	age_band	0	1	age_11_15
124	today_rating	1	1	really_good
124	staff_listened	2	1	yes
124	felt_safe_here	3	1	no
124	could_be_better	4	2	generated answer 3
125	age_band	0	1	age_21_25
125	today_rating	1	1	bad
125	staff_listened	2	1	not_sure
125	felt_safe_here	3	1	yes
125	could_be_better	4	2	generated answer 4
126	age_band	0	1	age_18_20
126	today_rating	1	1	good
126	staff_listened	2	1	not_sure
126	felt_safe_here	3	1	no
126	could_be_better	4	2	generated answer 5
127	age_band	0	1	age_18_20
127	today_rating	1	1	really_bad
127	staff_listened	2	1	yes
127	felt_safe_here	3	1	no
127	could_be_better	4	2	generated answer 6
128	age_band	0	1	age_18_20
128	today_rating	1	1	bad
128	staff_listened	2	1	not_sure
128	felt_safe_here	3	1	no
128	could_be_better	4	2	generated answer 7
129	age_band	0	1	age_18_20
129	today_rating	1	1	ok
129	staff_listened	2	1	no
129	felt_safe_here	3	1	yes
129	could_be_better	4	2	generated answer 8
130	age_band	0	1	age_21_25
130	today_rating	1	1	really_good
130	staff_listened	2	0	
130	felt_safe_here	3	1	not_sure
130	could_be_better	4	2	generated answer 9
131	age_band	0	1	age_16_17
131	today_rating	1	1	really_bad
131	staff_listened	2	1	not_sure
131	felt_safe_here	3	1	yes
131	could_be_better	4	2	generated answer 10
132	age_band	0	1	age_11_15
132	today_rating	1	1	really_bad
132	staff_listened	2	1	yes
132	felt_safe_here	3	1	not_sure
132	could_be_better	4	2	generated answer 11
133	age_band	0	1	age_16_17
133	today_rating	1	1	really_bad
133	staff_listened	2	1	yes
133	felt_safe_here	3	1	yes
133	could_be_better	4	2	generated answer 12
134	age_band	0	1	age_11_15
134	today_rating	1	1	ok
134	staff_listened	2	1	no
134	felt_safe_here	3	1	not_sure
134	could_be_better	4	2	generated answer 13
135	age_band	0	1	age_16_17
135	today_rating	1	1	ok
135	staff_listened	2	1	not_sure
135	felt_safe_here	3	1	yes
135	could_be_better	4	2	generated answer 14
136	age_band	0	1	age_21_25
136	today_rating	1	1	really_good
136	staff_listened	2	1	not_sure
136	felt_safe_here	3	0	
136	could_be_better	4	2	generated answer 15
137	age_band	0	1	age_11_15
137	today_rating	1	1	good
137	staff_listened	2	1	yes
137	felt_safe_here	3	1	no
137	could_be_better	4	2	generated answer 16
138	age_band	0	1	age_11_15
138	today_rating	1	1	good
138	staff_listened	2	1	yes
138	felt_safe_here	3	1	not_sure
138	could_be_better	4	2	generated answer 17
139	age_band	0	1	age_16_17
139	today_rating	1	1	really_bad
139	staff_listened	2	1	no
139	felt_safe_here	3	1	no
139	could_be_better	4	2	generated answer 18
140	age_band	0	1	age_16_17
140	today_rating	1	1	good
140	staff_listened	2	1	yes
140	felt_safe_here	3	1	not_sure
140	could_be_better	4	2	generated answer 19
141	age_band	0	1	age_16_17
141	today_rating	1	1	ok
141	staff_listened	2	1	yes
141	felt_safe_here	3	1	no
141	could_be_better	4	2	generated answer 20
142	age_band	0	1	age_16_17
142	today_rating	1	1	really_bad
142	staff_listened	2	1	not_sure
142	felt_safe_here	3	1	yes
142	could_be_better	4	2	generated answer 21
143	age_band	0	1	age_21_25
143	today_rating	1	1	really_bad
143	staff_listened	2	1	yes
143	felt_safe_here	3	1	yes
143	could_be_better	4	2	generated answer 22
144	age_band	0	1	age_11_15
144	today_rating	1	1	good
144	staff_listened	2	1	yes
144	felt_safe_here	3	1	yes
144	could_be_better	4	0	
145	age_band	0	1	age_11_15
145	today_rating	1	1	bad
145	staff_listened	2	1	yes
145	felt_safe_here	3	1	not_sure
145	could_be_better	4	2	generated answer 24
146	age_band	0	1	age_21_25
146	today_rating	1	1	bad
146	staff_listened	2	1	not_sure
146	felt_safe_here	3	0	
146	could_be_better	4	2	generated answer 25
147	age_band	0	1	age_16_17
147	today_rating	1	1	good
147	staff_listened	2	1	no
147	felt_safe_here	3	1	not_sure
147	could_be_better	4	2	generated answer 26
148	age_band	0	1	age_11_15
148	today_rating	1	1	good
148	staff_listened	2	1	not_sure
148	felt_safe_here	3	1	no
148	could_be_better	4	2	generated answer 27
149	age_band	0	1	age_16_17
149	today_rating	1	1	really_good
149	staff_listened	2	1	yes
149	felt_safe_here	3	1	yes
149	could_be_better	4	2	generated answer 28
150	age_band	0	1	age_18_20
150	today_rating	1	1	really_bad
150	staff_listened	2	1	no
150	felt_safe_here	3	1	no
150	could_be_better	4	2	generated answer 29
151	age_band	0	1	age_21_25
151	today_rating	1	1	really_good
151	staff_listened	2	1	yes
151	felt_safe_here	3	1	no
151	could_be_better	4	2	generated answer 30
152	age_band	0	1	age_11_15
152	today_rating	1	1	bad
152	staff_listened	2	1	yes
152	felt_safe_here	3	1	no
152	could_be_better	4	2	generated answer 31
153	age_band	0	1	age_16_17
153	today_rating	1	0	
153	staff_listened	2	1	not_sure
153	felt_safe_here	3	0	
153	could_be_better	4	2	generated answer 32
154	age_band	0	1	age_11_15
154	today_rating	1	1	really_good
154	staff_listened	2	0	
154	felt_safe_here	3	1	yes
154	could_be_better	4	2	generated answer 33
155	age_band	0	1	age_18_20
155	today_rating	1	1	really_bad
155	staff_listened	2	1	no
155	felt_safe_here	3	1	yes
155	could_be_better	4	2	generated answer 34
156	age_band	0	1	age_21_25
156	today_rating	1	1	ok
156	staff_listened	2	1	yes
156	felt_safe_here	3	1	yes
156	could_be_better	4	2	generated answer 35
157	age_band	0	0	
157	today_rating	1	1	bad
157	staff_listened	2	1	yes
157	felt_safe_here	3	1	no
157	could_be_better	4	2	generated answer 36
158	age_band	0	1	age_16_17
158	today_rating	1	1	ok
158	staff_listened	2	1	yes
158	felt_safe_here	3	1	yes
158	could_be_better	4	2	generated answer 37
159	age_band	0	1	age_16_17
159	today_rating	1	1	ok
159	staff_listened	2	1	yes
159	felt_safe_here	3	1	yes
159	could_be_better	4	2	generated answer 38
160	age_band	0	1	age_18_20
160	today_rating	1	1	good
160	staff_listened	2	1	no
160	felt_safe_here	3	1	yes
160	could_be_better	4	2	generated answer 39
161	age_band	0	1	age_18_20
161	today_rating	1	1	good
161	staff_listened	2	1	not_sure
161	felt_safe_here	3	1	yes
161	could_be_better	4	2	generated answer 40
162	age_band	0	1	age_21_25
162	today_rating	1	1	really_good
162	staff_listened	2	1	not_sure
162	felt_safe_here	3	1	not_sure
162	could_be_better	4	0	
163	age_band	0	1	age_16_17
163	today_rating	1	1	good
163	staff_listened	2	1	yes
163	felt_safe_here	3	1	not_sure
163	could_be_better	4	2	generated answer 42
164	age_band	0	1	age_21_25
164	today_rating	1	1	ok
164	staff_listened	2	1	no
164	felt_safe_here	3	1	no
164	could_be_better	4	2	generated answer 43
165	age_band	0	1	age_21_25
165	today_rating	1	1	really_bad
165	staff_listened	2	1	yes
165	felt_safe_here	3	1	yes
165	could_be_better	4	2	generated answer 44
166	age_band	0	1	age_21_25
166	today_rating	1	1	ok
166	staff_listened	2	1	not_sure
166	felt_safe_here	3	1	not_sure
166	could_be_better	4	2	generated answer 45
167	age_band	0	1	age_21_25
167	today_rating	1	1	good
167	staff_listened	2	1	not_sure
167	felt_safe_here	3	1	yes
167	could_be_better	4	2	generated answer 46
168	age_band	0	1	age_16_17
168	today_rating	1	0	
168	staff_listened	2	1	not_sure
168	felt_safe_here	3	1	no
168	could_be_better	4	2	generated answer 47
169	age_band	0	1	age_16_17
169	today_rating	1	1	ok
169	staff_listened	2	1	not_sure
169	felt_safe_here	3	1	not_sure
169	could_be_better	4	2	generated answer 48
170	age_band	0	1	age_21_25
170	today_rating	1	1	really_bad
170	staff_listened	2	1	no
170	felt_safe_here	3	1	yes
170	could_be_better	4	2	generated answer 49
171	age_band	0	1	age_18_20
171	today_rating	1	1	really_good
171	staff_listened	2	1	no
171	felt_safe_here	3	1	yes
171	could_be_better	4	2	generated answer 50
172	age_band	0	1	age_16_17
172	today_rating	1	1	really_bad
172	staff_listened	2	1	not_sure
172	felt_safe_here	3	1	no
172	could_be_better	4	2	generated answer 51
173	age_band	0	1	age_18_20
173	today_rating	1	1	really_bad
173	staff_listened	2	1	no
173	felt_safe_here	3	1	no
173	could_be_better	4	2	generated answer 52
174	age_band	0	1	age_18_20
174	today_rating	1	1	bad
174	staff_listened	2	1	no
174	felt_safe_here	3	1	no
174	could_be_better	4	2	generated answer 53
175	age_band	0	1	age_11_15
175	today_rating	1	1	really_bad
175	staff_listened	2	1	no
175	felt_safe_here	3	1	yes
175	could_be_better	4	2	generated answer 54
176	age_band	0	1	age_16_17
176	today_rating	1	1	really_bad
176	staff_listened	2	1	yes
176	felt_safe_here	3	1	no
176	could_be_better	4	2	generated answer 55
177	age_band	0	1	age_11_15
177	today_rating	1	1	really_bad
177	staff_listened	2	1	not_sure
177	felt_safe_here	3	1	yes
177	could_be_better	4	2	generated answer 56
178	age_band	0	1	age_16_17
178	today_rating	1	0	
178	staff_listened	2	1	no
178	felt_safe_here	3	1	no
178	could_be_better	4	2	generated answer 57
179	age_band	0	1	age_18_20
179	today_rating	1	1	ok
179	staff_listened	2	1	no
179	felt_safe_here	3	1	not_sure
179	could_be_better	4	2	generated answer 58
180	age_band	0	1	age_21_25
180	today_rating	1	1	ok
180	staff_listened	2	1	not_sure
180	felt_safe_here	3	1	yes
180	could_be_better	4	2	generated answer 59
181	age_band	0	1	age_11_15
181	today_rating	1	1	really_good
181	staff_listened	2	1	yes
181	felt_safe_here	3	0	
181	could_be_better	4	2	generated answer 60
182	age_band	0	1	age_11_15
182	today_rating	1	1	bad
182	staff_listened	2	1	not_sure
182	felt_safe_here	3	1	yes
182	could_be_better	4	2	generated answer 61
183	age_band	0	1	age_21_25
183	today_rating	1	1	bad
183	staff_listened	2	1	not_sure
183	felt_safe_here	3	1	not_sure
183	could_be_better	4	2	generated answer 62
184	age_band	0	1	age_11_15
184	today_rating	1	1	ok
184	staff_listened	2	0	
184	felt_safe_here	3	1	not_sure
184	could_be_better	4	2	generated answer 63
185	age_band	0	1	age_18_20
185	today_rating	1	1	bad
185	staff_listened	2	1	yes
185	felt_safe_here	3	1	yes
185	could_be_better	4	2	generated answer 64
186	age_band	0	1	age_21_25
186	today_rating	1	1	really_good
186	staff_listened	2	1	not_sure
186	felt_safe_here	3	1	no
186	could_be_better	4	0	
187	age_band	0	1	age_11_15
187	today_rating	1	1	ok
187	staff_listened	2	1	no
187	felt_safe_here	3	1	not_sure
187	could_be_better	4	2	generated answer 66
188	age_band	0	1	age_18_20
188	today_rating	1	1	really_bad
188	staff_listened	2	1	yes
188	felt_safe_here	3	1	yes
188	could_be_better	4	2	generated answer 67
189	age_band	0	0	
189	today_rating	1	1	ok
189	staff_listened	2	1	yes
189	felt_safe_here	3	0	
189	could_be_better	4	2	generated answer 68
190	age_band	0	1	age_11_15
190	today_rating	1	1	really_bad
190	staff_listened	2	1	yes
190	felt_safe_here	3	1	no
190	could_be_better	4	2	generated answer 69
191	age_band	0	1	age_11_15
191	today_rating	1	1	bad
191	staff_listened	2	1	no
191	felt_safe_here	3	1	yes
191	could_be_better	4	2	generated answer 70
192	age_band	0	1	age_21_25
192	today_rating	1	1	really_bad
192	staff_listened	2	1	no
192	felt_safe_here	3	1	not_sure
192	could_be_better	4	0	
193	age_band	0	1	age_11_15
193	today_rating	1	0	
193	staff_listened	2	1	no
193	felt_safe_here	3	1	no
193	could_be_better	4	2	generated answer 72
194	age_band	0	1	age_18_20
194	today_rating	1	1	bad
194	staff_listened	2	1	not_sure
194	felt_safe_here	3	1	yes
194	could_be_better	4	2	generated answer 73
195	age_band	0	1	age_18_20
195	today_rating	1	1	good
195	staff_listened	2	1	not_sure
195	felt_safe_here	3	1	no
195	could_be_better	4	2	generated answer 74
196	age_band	0	1	age_16_17
196	today_rating	1	1	bad
196	staff_listened	2	1	not_sure
196	felt_safe_here	3	1	not_sure
196	could_be_better	4	2	generated answer 75
197	age_band	0	1	age_21_25
197	today_rating	1	1	ok
197	staff_listened	2	1	yes
197	felt_safe_here	3	1	no
197	could_be_better	4	2	generated answer 76
198	age_band	0	1	age_18_20
198	today_rating	1	1	really_good
198	staff_listened	2	1	no
198	felt_safe_here	3	0	
198	could_be_better	4	2	generated answer 77
199	age_band	0	1	age_16_17
199	today_rating	1	1	good
199	staff_listened	2	1	not_sure
199	felt_safe_here	3	1	no
199	could_be_better	4	2	generated answer 78
200	age_band	0	1	age_11_15
200	today_rating	1	1	good
200	staff_listened	2	1	not_sure
200	felt_safe_here	3	1	yes
200	could_be_better	4	2	generated answer 79
\.


--
-- Data for Name: bundle; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.bundle (kiosk, seq, digest, file, records, imported_on) FROM stdin;
k1	1	\\xf309d80a385d06bcf0aa51bb3c5f3a52e990aa12cf6dc78feb5f22cc3f39df82	/tmp/tmp.IWpSfZo1C0/a1.bundle	120	2026-12-03
k2	1	\\xfa252da7e126e0fbd4b23f3f7d090e4019286943c13255f347440300c668c5b3	/tmp/tmp.IWpSfZo1C0/b1.bundle	80	2026-12-03
\.


--
-- Data for Name: chorus_schema; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.chorus_schema (version) FROM stdin;
4
\.


--
-- Data for Name: help_request; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.help_request (rowid, kiosk, id, request, form_id, day, flags, contact, imported_on) FROM stdin;
\.


--
-- Data for Name: kiosk; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.kiosk (name, public_key, key_id, enrolled_on, revoked_on, revoked_from) FROM stdin;
k1	\\xbdda7fa6b091c999edd3f3affb89c66216bfea8b8269f6fed7189cfb8b4f347a	3968cd1088914188	2026-12-03	\N	\N
k2	\\x65132ec9d6146aa0b0807c7ee1092b4fd41150d1a7115e3db5ba02eacf1e463c	65c84c4a5d29efdb	2026-12-03	\N	\N
\.


--
-- Data for Name: publication; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.publication (run, period, made_on, last_ref) FROM stdin;
\.


--
-- Data for Name: published_figure; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.published_figure (rowid, run, tbl, series, first_day, last_day, value, shown) FROM stdin;
\.


--
-- Data for Name: quarantine; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.quarantine (id, kiosk, digest, reason, sealed, bundle, seq, noted_on) FROM stdin;
\.


--
-- Data for Name: receipt_code; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.receipt_code (code, id) FROM stdin;
\.


--
-- Data for Name: response; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.response (ref, id, kiosk, seq, form_id, form_version, day, session, lang, flags, digest, imported_on, aside) FROM stdin;
1	\\x20133c8ffa202959e41649e57f4d36ae	k1	1	children_in_care	2026110101	2026-08-05		en	0	\\xceef4eb8ad1d3a2decc6cf95e698bf2e30c47caacbb073d883706ebff785de55	2026-12-03	\N
2	\\x31739e72690d6c2c5db892b49fbfbaf0	k1	1	children_in_care	2026110101	2026-08-28		en	1	\\xe5d27a762af91df49009fef6bc3d5fe2e3035b660c09a3494f5d5b22a86b07b1	2026-12-03	\N
3	\\xcfb67f53ae24d5d835cee95c294c6dc0	k1	1	children_in_care	2026110101	2026-09-07		en	0	\\x7775cd48bb4761c6e6fe8daa4a597fe8bfbcc8b46a9b666cb8953ac99f04d5ba	2026-12-03	\N
4	\\x020b4b078e6ff68b94ae09f184f06970	k1	1	children_in_care	2026110101	2026-09-13		en	0	\\x05c59160036ba356b7df511dd80c1a390165def34105ed4e1282392b6beac819	2026-12-03	\N
5	\\x0f46fe7c10336c4fe93bda0f0174eefa	k1	1	children_in_care	2026110101	2026-09-29		en	1	\\x0f177c70cfd414a7bc7c573cbe69a3412c55144868db248fb3000eb70aa3e2fa	2026-12-03	\N
6	\\x7e580fa0141641cf12a531d7d83730c9	k1	1	children_in_care	2026110101	2026-08-30		en	0	\\x0eb9ac76647bf4baa99448d811c58a3b1b6c434a23cdf7afbc82d85e337d139a	2026-12-03	\N
7	\\x9d0c60e8e587cd3190e6bdece8d609a1	k1	1	children_in_care	2026110101	2026-09-01		en	1	\\x985910e6a79b92f446fec2b49e849c9eb683345b823e9bec608f2b9bc904c9ca	2026-12-03	\N
8	\\x7d77fb6fd143716482c70f8658afbf0c	k1	1	children_in_care	2026110101	2026-09-12		en	0	\\xace2fd0a77ec496996de91fb239269f7ef54d8a63d60bf4e98adb885ac1a4b32	2026-12-03	\N
9	\\x1ba74b1d11c7c2d5d2b09ebae3ad8573	k1	1	children_in_care	2026110101	2026-08-31		en	0	\\x7959d614b6dfbdc72517721746d4b9fa1d1cad37cacb4451e31a6673819bb874	2026-12-03	\N
10	\\x327d36d0ef0a82f1982b9fd03b3a6e44	k1	1	children_in_care	2026110101	2026-09-14		en	0	\\xdbca5a028862f6974ecc4f6b51b09c85d2400b5e0ee0a7cbab031f7ac1a3be20	2026-12-03	\N
11	\\x792f77ca5aad6f510061414fa7dcfafb	k1	1	children_in_care	2026110101	2026-07-26		en	0	\\xb53aa91950836c39d7eb02b3bb480bd27fcdd65bc1dbfaf41c1eb17b738a5402	2026-12-03	\N
12	\\xe45982a84a15f151fde74a2d7c140d47	k1	1	children_in_care	2026110101	2026-08-18		en	0	\\x212b65fd718118c333ce73abcaf8378069810f35503d0289e4649f36f6da65c8	2026-12-03	\N
13	\\x918993117838a5c0a95d6fe05b02a0d5	k1	1	children_in_care	2026110101	2026-09-19		en	0	\\xcd7797c86053b6115be0d33c94c0c1388d75f6d7a17d2068f37a7aadc0ddf378	2026-12-03	\N
14	\\xfc3dd35db343f00cd6b6abee3a9f613d	k1	1	children_in_care	2026110101	2026-08-27		en	1	\\x3b78858f2c6ab47306e16fc541f11267764abfabeba161f393be99dd62db757b	2026-12-03	\N
15	\\x3a1f3fcef95fd1bf2d2d03fd1bae5953	k1	1	children_in_care	2026110101	2026-08-16		en	0	\\x30663bea7ff5d804ea1f9cb9e2229545c95dad13383a47bee176aeba2785f100	2026-12-03	\N
16	\\x31fc23c914e494007efefb28b6b45203	k1	1	children_in_care	2026110101	2026-07-09		en	1	\\x457ab72cf52ad9345af8b2d9e346e4db3e2bcb46c3b5ba4f60e896a8c14f5671	2026-12-03	\N
17	\\xb4b9809b3b2622cc56495ecc9e345c13	k1	1	children_in_care	2026110101	2026-07-16		en	1	\\x4309a16d618d1cb0266c5e14d03adb277b6296674f5218c8993c8b4ae39c9095	2026-12-03	\N
18	\\x3955d3be257d20844a851d6d4c0eb921	k1	1	children_in_care	2026110101	2026-07-13		en	0	\\x7470e57a16d0af15136d47417526c7ea8dbefb232e2143df9be3b6f6651840fb	2026-12-03	\N
19	\\x69808c75365b76eb647aa9520e1beda1	k1	1	children_in_care	2026110101	2026-07-13		en	0	\\x29ba312ef21f5827a48c121d2ae7afe4db627726b0bd7b4ee938d040d2cca76b	2026-12-03	\N
20	\\x988b709eb29bf934ecd4dca7c1fb3852	k1	1	children_in_care	2026110101	2026-09-06		en	1	\\x91e2b6cc95d46c784431fbe408a54043e85976a779df481f3fddb280eecec10d	2026-12-03	\N
21	\\xa231235ca8298dd69ba36f67d0d09b7f	k1	1	children_in_care	2026110101	2026-07-03		en	0	\\x2b2b9215ff371a0a1c9264094b3e856a1153e9f0028c1fd5ffe0fb496d2e205e	2026-12-03	\N
22	\\x099f082a164ade8c43b0077e969678b9	k1	1	children_in_care	2026110101	2026-08-21		en	0	\\x1a963aafc2071f41fde6491070ed45ea16553a0804acca52ee2ccf7df64dccfa	2026-12-03	\N
23	\\x5ee94c3bd15449f53781513274303056	k1	1	children_in_care	2026110101	2026-07-15		en	0	\\x88bacef8a3feea4dd9f061884e5fc9c7ca2f2a0b426f1f2a3a900c246c44f07c	2026-12-03	\N
24	\\x6f8c328461dc35e51e801fa0f56ef868	k1	1	children_in_care	2026110101	2026-08-09		en	0	\\xfd1ecf42a0b114fb7615d4b0f32b8aefb22f69a28eea14ed1f23799859aacdf5	2026-12-03	\N
25	\\x36e4494e8612fce6d9a0bcc28a67fe37	k1	1	children_in_care	2026110101	2026-08-22		en	0	\\x47f442e516f466ab71f22eedd4c0dbf57f20695aa8e7d666766afd605a805cec	2026-12-03	\N
26	\\x6ec62292a98acf19eef28b316f0da38a	k1	1	children_in_care	2026110101	2026-07-31		en	0	\\xa8786bb0f03b9ca698d75f8eebd4731b7cb9479d7763a10c770ed90226e084bc	2026-12-03	\N
27	\\x20e38adc4efe24db9417870fb75e5a96	k1	1	children_in_care	2026110101	2026-07-08		en	0	\\xe3e37d474e4a0bd683a58b85d580cd7d4190d426c98d55a314b5a826c44cae87	2026-12-03	\N
28	\\x040f785a79a8d827b544c5c6854bc2bd	k1	1	children_in_care	2026110101	2026-07-02		en	0	\\x14f1aaae4057a03c3b6d90b8f4206f6a21011d6411745e0cbc96d0384d870730	2026-12-03	\N
29	\\x79135a99c5ea350f2626c5f1a3d6b9ef	k1	1	children_in_care	2026110101	2026-09-21		en	0	\\x1e7b7463a3edbe22e91b7231e320be9ccaa5c4c29a7d60f209ff4537e175774b	2026-12-03	\N
30	\\x4f839284ea747285b869418e1e09c761	k1	1	children_in_care	2026110101	2026-09-25		en	0	\\xf3001d7acca8d38d8c49fdc3dfdfcbddd56d028a1e01e04220963c9a9d1fdeec	2026-12-03	\N
31	\\x161463f155b8c337e5b59401acd8aa1c	k1	1	children_in_care	2026110101	2026-07-04		en	0	\\x0dee1e0f4f630bfe04a4875867ec24aaa066b8678235aa957de9e26a6b57c9f9	2026-12-03	\N
32	\\x954f2f640214fad8f88d23c97607b0be	k1	1	children_in_care	2026110101	2026-09-21		en	1	\\x36d37f236c237126960145637ce228380223f7884092c2240b8dfa4c3914c4e9	2026-12-03	\N
33	\\x49ff9041d71a4adc0d473527b8356302	k1	1	children_in_care	2026110101	2026-08-10		en	1	\\xcc9e2af0a003a416c4c3d9e1813c56b129e7316116f8243195e880e3ce0b8151	2026-12-03	\N
34	\\x40daf8405f20d284edd16c5794418e01	k1	1	children_in_care	2026110101	2026-09-29		en	0	\\xd3db449514e40034162cf88f29ed05b80a8e8532a2ed45500decdd1d829e1bc2	2026-12-03	\N
35	\\x881edbecf76aa01e5c1ba2cbdd048b29	k1	1	children_in_care	2026110101	2026-09-15		en	1	\\x4f5ed079dbd86d1d364422e9e75591db821712cef755aa6f7e5ff490a2a5e322	2026-12-03	\N
36	\\x8b70a955292b8e9d24805b7a47c51503	k1	1	children_in_care	2026110101	2026-07-28		en	0	\\x9606e02c4dbb6b375fa13cd498502f754e43cbb87b7f66084dfa00c3e34a7c17	2026-12-03	\N
37	\\xe53e2bfbdcbeea76287ead49c673b5e8	k1	1	children_in_care	2026110101	2026-08-21		en	1	\\x6a0d76627eb5e3485b63e439db1e2f88b1b78a56f05c8abaff57a970ad7b1644	2026-12-03	\N
38	\\x94af69fd91c3d319e8d3de0916dde975	k1	1	children_in_care	2026110101	2026-08-09		en	0	\\xcdd04a5d8db8e611c50ade0e1746f7b5f1f5c7248c3a6a19a45292f72e10ecc7	2026-12-03	\N
39	\\xb4ba252f4f3650450664a4f7650600e5	k1	1	children_in_care	2026110101	2026-09-15		en	0	\\xd23599fb23a6d906e593eb2eb4eae40e8c55fa02d041db748f4a625999e85f6c	2026-12-03	\N
40	\\x4c62a60139fa2eb905cd4481204ea8fa	k1	1	children_in_care	2026110101	2026-08-31		en	1	\\xf070cfc98197bd977d3b1eed5662fa451cea65efbf110ea68b05bd22a110c535	2026-12-03	\N
41	\\x404ffac8cbf4d07262c20552d0f2734a	k1	1	children_in_care	2026110101	2026-09-13		en	0	\\xbcd8c8bd72354a2d13ab78d1644252aa3878b925feabf03839ef00d4231ffa36	2026-12-03	\N
42	\\xcda768ece13f2a3043798a699becc2c6	k1	1	children_in_care	2026110101	2026-09-16		en	1	\\x60f957c80e191215ac44a7b6290a7ec3b0e59b17d128d3bcf3bd0c8430ee0772	2026-12-03	\N
43	\\x7db576e6333bd1e3085fce00e9ba9843	k1	1	children_in_care	2026110101	2026-08-30		en	0	\\x449df4c2d9941013108069bc01110aeab40f4b7f273646e8530832195c7c1096	2026-12-03	\N
44	\\xde14c4d6ec980fb67da9cf7556cb1820	k1	1	children_in_care	2026110101	2026-07-03		en	0	\\xb7baecd1700f0170db785cbf8cd9ab1810da05b5db684a2088e1f6ef2bc73ec5	2026-12-03	\N
45	\\x8ee3ecead1ed3ebb1a11854582ebb697	k1	1	children_in_care	2026110101	2026-09-23		en	0	\\x6e9368f1939739853eb5529d8ae3eeac58b5b80e38b2f7ad898605266a6b072b	2026-12-03	\N
46	\\x3539387f290e32fa9f669cec3f8fab09	k1	1	children_in_care	2026110101	2026-07-22		en	0	\\x35dfe51f56719eefb1fae80a537d1d26078d83260817be745e0cd5761d15b6d7	2026-12-03	\N
47	\\x5f9db2ad7ed8c653fdfa310de34927c5	k1	1	children_in_care	2026110101	2026-07-30		en	1	\\x403d20bdace7593370d1e9e3112caa07fe72661d4adcaeb4095664605059162b	2026-12-03	\N
48	\\x44938afb2781b6063432047e6ffb6bab	k1	1	children_in_care	2026110101	2026-08-16		en	1	\\xbf8875255528b881a7690b6f33348e9ca4ec11687ca2a17e6232b0b627d8228b	2026-12-03	\N
49	\\xaebd89209f02231562eab27d762c969b	k1	1	children_in_care	2026110101	2026-08-07		en	1	\\x0743697982f581e15ce6135ca4b0b57b7c54afc5178539515f5835a11178fc71	2026-12-03	\N
50	\\x8a2c64b0e9f063a4486f6cbe3c2518dd	k1	1	children_in_care	2026110101	2026-09-26		en	0	\\xbfc4494fab033c20a94195299747c0d51ebca508cdbb31e69f8d55913e329eea	2026-12-03	\N
51	\\xc0509c397f2ea6d9420ee6e3556c79db	k1	1	children_in_care	2026110101	2026-09-09		en	1	\\x80763a7dbdfc5772e54376cc97f939a4325c962cda3a31c018fc981bac10d998	2026-12-03	\N
52	\\x650988f487b4e29ada649e2592b38ef9	k1	1	children_in_care	2026110101	2026-09-08		en	0	\\x83ed3a4e617e5df418c15b404c824c6f3470ce0ec4972cb93a2944b127520b8d	2026-12-03	\N
53	\\x79d0f67446a3b7c1a5aae03ecadee4ea	k1	1	children_in_care	2026110101	2026-09-24		en	0	\\x298d8158c910450630f469b0f5e3949f97bcb47e18c99bca63f47fddf0ff7792	2026-12-03	\N
54	\\x0e52d977a5a90e756312071160aa7afe	k1	1	children_in_care	2026110101	2026-07-26		en	0	\\x727538ddfe711aab36a9e8e222e29dc09c220b80a97c3ee48b1b559b2584069d	2026-12-03	\N
55	\\x66b931c66e1696a8280ac9a54fa5b721	k1	1	children_in_care	2026110101	2026-07-29		en	0	\\x065f498e8cecf916edcf6897b5d27f79050785f13cc5efae24f1e8c8c04eb5f6	2026-12-03	\N
56	\\xd15fc6e0203949815a18489732a36cc7	k1	1	children_in_care	2026110101	2026-07-13		en	1	\\x96db9c8974b2086077a7bd295c44c3963b2c814b4eff438ef55b8490240bdfa4	2026-12-03	\N
57	\\x01a05d902919395d1862d684868d9c5c	k1	1	children_in_care	2026110101	2026-08-18		en	0	\\x0dbd18db74273eaf00b922b6b8b141ba6c8196b37529e232ff162a29aee2e8be	2026-12-03	\N
58	\\x562e314de85519e249e07080d91f152c	k1	1	children_in_care	2026110101	2026-08-09		en	0	\\xb63a59a2c5cc6409316f7540c63d7ca49c57accd843e7025d950125fcdbda35d	2026-12-03	\N
59	\\xae4691366c2473d4218e0b76b3ceb262	k1	1	children_in_care	2026110101	2026-08-11		en	1	\\x5612c2921c1e99578f23410fcf4ec9e11fd3d4b1014ea6bc3153eea04ca3f01d	2026-12-03	\N
60	\\xf2f29bd576c1f4ab626c98e5213a9ad8	k1	1	children_in_care	2026110101	2026-09-14		en	0	\\xfc0a774b48954ac879ea74365644294f51dea1ce2e1bebbce3dbecc5506adccd	2026-12-03	\N
61	\\xdf6c4de4f6d2e185bc47ab0335c314c5	k1	1	children_in_care	2026110101	2026-07-14		en	0	\\x6ba4ffd6f4e28a99579c9ccea7500dad745cafcbb1f4d5c58bfc9ac0dbe16fc6	2026-12-03	\N
62	\\x94482ea6cc4bc3522767363e4e4a676e	k1	1	children_in_care	2026110101	2026-09-10		en	1	\\x484f7affde1f0cec896b5de7a3d6b7b74d3082dedb43c44777c2b3b9e6fec1a5	2026-12-03	\N
63	\\xe5c254c53ebfaa5e839c852e54d72ee2	k1	1	children_in_care	2026110101	2026-07-14		en	0	\\x6e85426bebad619c60bf0cce1b8ddbda48123347094806096cab9b6de8a5bf2b	2026-12-03	\N
64	\\x52672a32b5d8bfb159fa491e0be290ae	k1	1	children_in_care	2026110101	2026-09-25		en	0	\\xf6f628dddf6d0b48e7fb333e0bce7fa44515e6fb607c2b0b90e3bb3c51459fd1	2026-12-03	\N
65	\\xf4d37d7015ed7abef25db0e53bf73a40	k1	1	children_in_care	2026110101	2026-07-25		en	0	\\x2f3a75bdc075828c25935f6ea9d786ad7088187f7f42ab1843d529bd201ae123	2026-12-03	\N
66	\\xd17ae9becb017640a08b2251d71cac3c	k1	1	children_in_care	2026110101	2026-08-20		en	0	\\xc21fab9a171fd15faf69379d07d9ec516818a378e2016526883b2051234c0017	2026-12-03	\N
67	\\xad777efbc4af72a7c0c29f5cd759f7ea	k1	1	children_in_care	2026110101	2026-09-13		en	0	\\x56a33f321271ae594be3c47cc255d5edb59d0430dd244c849b41f4abffa6e46d	2026-12-03	\N
68	\\x100216a28a5a43f889f80bb657995b06	k1	1	children_in_care	2026110101	2026-08-05		en	1	\\x379cfd581d0b0370513f1e0579128d6c32f2b93e8f8f8fac2698f9ae0d552e11	2026-12-03	\N
69	\\x4f9287bfaf30af0f597c7c43029b958a	k1	1	children_in_care	2026110101	2026-09-27		en	0	\\xd36d19f834f8d821bff201c7adc70c815b564117bef9123c93557cb01a7a5079	2026-12-03	\N
70	\\xb653b549f7ac3e9319428b66844287ad	k1	1	children_in_care	2026110101	2026-08-16		en	0	\\xf3a60dde66e7ff9381b09de114ef5791a196cf690c22be042908a32243a07cdc	2026-12-03	\N
71	\\x014fff00ef1a7179e2c3b7e11f3f6933	k1	1	children_in_care	2026110101	2026-08-12		en	0	\\x9e524795a9a0bce85e080c075175c59e68de9b6d28c1807ecde9f6245782b1d1	2026-12-03	\N
72	\\x3ef042d5a6b7da4dd240f0d39d9cc1d0	k1	1	children_in_care	2026110101	2026-09-21		en	1	\\xe646c73f8cd24a4a35491c76e67a976cadce226b6bd934d7c5a64983b3ee79e7	2026-12-03	\N
73	\\xab3018e20e4f390941ff972033bd0a43	k1	1	children_in_care	2026110101	2026-08-13		en	0	\\x18b867d08f08583a097d5a13f5afd62678cb1aae4d592b22d166341db7f3eb7f	2026-12-03	\N
74	\\x598174223f0ca8a7e1d3d038dfbcd72c	k1	1	children_in_care	2026110101	2026-07-24		en	0	\\x1f579a934be19807afa74ea7ac42fda5b90ec2f2c74d5b391f94252d95eef022	2026-12-03	\N
75	\\x2eadfb512bbd15aee4c6082d921eb31c	k1	1	children_in_care	2026110101	2026-08-28		en	1	\\x787cc19db72148475bdeece7445d3102f684ec3413eb77cd0679bb00082c460c	2026-12-03	\N
76	\\x51e99303190409210432cf312a0d2538	k1	1	children_in_care	2026110101	2026-08-20		en	0	\\xd3048e97efa78dd24cdd7dc4421dc873c9d9b30815ec88ccb0e971f2ce1298e7	2026-12-03	\N
77	\\xde245556a4513419f7c72a35e11ca58b	k1	1	children_in_care	2026110101	2026-07-09		en	0	\\xeb1030c28b2114b268e85935a448de2399e52a1b4e101ec56c5c2b1f4f46cff8	2026-12-03	\N
78	\\xc34b23e75a487859ec6f93c9821ed390	k1	1	children_in_care	2026110101	2026-07-01		en	0	\\x0370ccdf9e08547b15545d56bde158826a25c9b441bcd5b39dd6418c158fee52	2026-12-03	\N
79	\\x661b2e2244b4392ef269461208d801be	k1	1	children_in_care	2026110101	2026-08-22		en	0	\\x7429d50c6583b842b3bdac7c8457afaaff37abca13c17d931dfb4090b4a890e8	2026-12-03	\N
80	\\x8d7488698e604b54d456aca5c0b52dc4	k1	1	children_in_care	2026110101	2026-09-05		en	0	\\x1bbd42d372b4665ee9765c63df062671de1076cc8e6fbf78c9035159acecc16c	2026-12-03	\N
81	\\x1d21ad4f97cfafd01440fa07a69f0e6b	k1	1	children_in_care	2026110101	2026-07-09		en	0	\\x246bec766bb5f496f1e78b8ba83e622613dc28bf08baed0cab0e216db565b146	2026-12-03	\N
82	\\x410e08c538f5a920b4fa610f1d13e5be	k1	1	children_in_care	2026110101	2026-07-19		en	0	\\xe6f87be3ec4fbdce6538f0d9d976c0cdf4320faabfa5fd37487a76916724892f	2026-12-03	\N
83	\\xdfe83d17eab671c844830b7ace9827c7	k1	1	children_in_care	2026110101	2026-08-01		en	1	\\x5e3174874a29749a4204b59cdf44aa16074e69a91947c8b7bda3408ae461652c	2026-12-03	\N
84	\\xbf4d3ed987e23df3b00f26fb64ef4f5f	k1	1	children_in_care	2026110101	2026-08-23		en	1	\\x865dbdb327ab1eb6959b2fd78eeb8eea780b122a95b49a3eec62836b0f200287	2026-12-03	\N
85	\\x7f36e2741a4ef4aecfa1a3ec9faccdc1	k1	1	children_in_care	2026110101	2026-07-07		en	0	\\xf706538ca167c4fdb631399575c063447f1ed7b7bdce9e096264d1d356fc0c95	2026-12-03	\N
86	\\x94d5a0d783ce502edc219dc2d38df25a	k1	1	children_in_care	2026110101	2026-09-11		en	0	\\xd4116b1a4df97c597d8d637514f14f15b7026e7f3c5b71cfeccaa9486e87190c	2026-12-03	\N
87	\\xc7165107ccfc69420717f195b9490ec2	k1	1	children_in_care	2026110101	2026-09-19		en	0	\\x649f4177f2049619fe79ca3d1f89d4380f54728f3e6e1fe25c776582561a3e43	2026-12-03	\N
88	\\x33ffbac21c29e2281f9aae73c8675b3e	k1	1	children_in_care	2026110101	2026-08-25		en	1	\\x94edf08df2665c26f57aebaf4a3418ec9f88f4ada5daed278fe2665756a92acb	2026-12-03	\N
89	\\xd629841671de8cf9a620b5d6671e0a79	k1	1	children_in_care	2026110101	2026-07-17		en	1	\\xb5049ce54077384802fa417311cf271389f1e236826f7e9cbdc6e89e62be3db7	2026-12-03	\N
90	\\x87a2edf4ba5af2644ca2317fadf5e3d2	k1	1	children_in_care	2026110101	2026-07-15		en	1	\\x0fd746fb693974cecfc37096e9d76246b5ba06283625bc7bfe0d1a52325f2f82	2026-12-03	\N
91	\\x3661dc1edeb30e2c3b7255ab3fac1b15	k1	1	children_in_care	2026110101	2026-07-23		en	0	\\x36c307b41396ecb1fd003c507272ae6a1062ba2d5bcfcd8c3bb5370095453b0f	2026-12-03	\N
92	\\x26cdf8808e48d132a18c331e3c64cbee	k1	1	children_in_care	2026110101	2026-09-16		en	0	\\xaf7123da57654f96dd2b3c0b7b26570c503ded410d48d664d708602979d4012d	2026-12-03	\N
93	\\xd61b5fa4f1c614dc0912ec0f6880fbad	k1	1	children_in_care	2026110101	2026-08-19		en	0	\\xa3424526d67c17847c47e0ad3ba1470a2e69ad1573f46071d9a5e1310d874683	2026-12-03	\N
94	\\x8cd9a6cbb95f5fff74e10dd89a2ba512	k1	1	children_in_care	2026110101	2026-07-26		en	0	\\xf8b841f1d6955e75bd1236c158eebd8f865907c0f90c48868903d6afd589b073	2026-12-03	\N
95	\\xf1b011c0f3bd36cdcad58787a5e2bfec	k1	1	children_in_care	2026110101	2026-09-01		en	1	\\xf50af4a304441d0d61897a4c9f445937681ae8513afb5448a41db4c70313acef	2026-12-03	\N
96	\\xeeecc0920b15330c47aeaa495986747b	k1	1	children_in_care	2026110101	2026-08-31		en	1	\\xb3dd40a702f9b3dd692b08e56952c1923eab7c47d60769475eefce36c2a4c57d	2026-12-03	\N
97	\\x7522675a1c11eac0bb58adfce6519e9c	k1	1	children_in_care	2026110101	2026-08-08		en	0	\\xb68e958ee517deda5c5b4fa4c91cbad72e5f17ec20f543af09372009a155e21d	2026-12-03	\N
98	\\x9c202f53bcd00cb61f13e244f57071d7	k1	1	children_in_care	2026110101	2026-07-07		en	0	\\xe1617f07fc9e609f0ca827f7c86a67a394e2f978ff6edd125fbaecf224c7bbb1	2026-12-03	\N
99	\\x4dbbd6df522bb2d9088a0c0da9f1a309	k1	1	children_in_care	2026110101	2026-09-05		en	1	\\x9286a223c12d70f6c2a111f124ebc666befbe35c3e547f6f20af1d8108b0be7b	2026-12-03	\N
100	\\x5a8ef88c2121172247b5f55aa6a177b2	k1	1	children_in_care	2026110101	2026-09-04		en	0	\\x369760615112c4a4fffdc9d0d93e1964fe9e57a32723e32ebab17fc234c6f499	2026-12-03	\N
101	\\x34d2ba939d1e1c3ca8a1569356a70504	k1	1	children_in_care	2026110101	2026-07-19		en	1	\\x396a8dee47766db97a73c3ee9ae4ebf9aad6742ce42ccf7bddd870cdeba5e512	2026-12-03	\N
102	\\x4ab2a215923794e524cc3cebdb30ea81	k1	1	children_in_care	2026110101	2026-07-07		en	1	\\xa810b0e58ebef8cd2549b903382709e546de794427ad577d613d6806fd9e07f3	2026-12-03	\N
103	\\x549af62068d03ff4f3f2fd97944b2dac	k1	1	children_in_care	2026110101	2026-08-28		en	0	\\x86c9f2a655cbfd5121bbc8e2648764f552bf2b17a5986e1d419a21b69670340e	2026-12-03	\N
104	\\x294a78ce8330e65da5e582aeb2cce748	k1	1	children_in_care	2026110101	2026-07-07		en	1	\\xb2102ad7b3ff8e54bd25faada82030cd50d74970d15bbc751258448bf0f00f8a	2026-12-03	\N
105	\\x1bee6e3ed6b4d0651232c4ff2edaa267	k1	1	children_in_care	2026110101	2026-09-20		en	0	\\x3a5bef00c26c87f01ff5d68930ddd844e7301c6224701cca2dd245ec73bdcd74	2026-12-03	\N
106	\\xd11504fc7fe88b45f8466ac6e15a84d1	k1	1	children_in_care	2026110101	2026-08-02		en	1	\\x093e6e18645fbc5c2151ae5d881c0f2391b1f4f57b7e7194e03b548e12629574	2026-12-03	\N
107	\\xd27a8ce2717a96c81b79ed54c5d3c5a1	k1	1	children_in_care	2026110101	2026-07-31		en	0	\\xb76735892714fa4e6ded53ed5e7e2016f088eb4a5dcfe71f79113b681cd4464d	2026-12-03	\N
108	\\x77f24183cf49d67d5cc1c47c2afe190f	k1	1	children_in_care	2026110101	2026-08-28		en	1	\\x190ce7bd5ffabe7f9e6fc7c732e9257083560a9f59729788496fae8a3b57884d	2026-12-03	\N
109	\\xd69c8d3e54f52068d8e7a4ec0c25dca6	k1	1	children_in_care	2026110101	2026-08-06		en	0	\\x8dac6383ff84c39e38321789623e59ec79f821b777921b9b0827856be6245ab3	2026-12-03	\N
110	\\x9c5cc79f7ddc1b77bbb1369e0f4bfdbb	k1	1	children_in_care	2026110101	2026-08-24		en	0	\\x2b77e9a49e5f7414ea43274c151fa50a6a583e0bea838946395e6d058efec733	2026-12-03	\N
111	\\x1cbc6c8e396b03077edcd2e5dc3d1470	k1	1	children_in_care	2026110101	2026-09-08		en	0	\\x3f1d04a78d50f8d745ec6eb3fb6dfd5fb86f5e4ba2d584141425b42f7fb0a869	2026-12-03	\N
112	\\x0b970e1355eb62ac95b3bbb8a15ad38d	k1	1	children_in_care	2026110101	2026-08-05		en	1	\\xdb08abdecfa393ae2fc06f07a24bd6ec84e87dde5fce4c8eeacf3eaab5eb5604	2026-12-03	\N
113	\\xe7e6e470b247a84e1deade5b04e12b1a	k1	1	children_in_care	2026110101	2026-08-24		en	1	\\x9fc0aa14d9389199a397d16b1623552ca4d622bc7ad28cb7798fb6fd6551ebce	2026-12-03	\N
114	\\x0c01049f95939742be8f49dbd5d3c651	k1	1	children_in_care	2026110101	2026-09-20		en	0	\\x448c6c56a7c1df3a357b08277415efad9289b7feb8ca3c297b9de5986d0cf7e2	2026-12-03	\N
115	\\x152f2b36238cf781be24ce58d6e0e434	k1	1	children_in_care	2026110101	2026-09-04		en	0	\\xa712bd00fc87aa1f223c17448ce8cf14c5dc83bc9d67f5a9fffbcd4fb82e24b2	2026-12-03	\N
116	\\x4ff6949be53f8f061bbdc3aefefac13e	k1	1	children_in_care	2026110101	2026-07-16		en	0	\\xe4ab2b64294647db93293b964a06f3e4311b55fe081ca30a707a3b679ad748b6	2026-12-03	\N
117	\\x61bb0f391d9da66a0d9fceaf796d0dc6	k1	1	children_in_care	2026110101	2026-08-27		en	0	\\x190429a47f442cb77371da66be73bedc42fec1b004e2aa30e80570bbc5d90430	2026-12-03	\N
118	\\xd1317070531ec379b3c85ff954b872a7	k1	1	children_in_care	2026110101	2026-07-09		en	0	\\x51e13b94a4fa8ec991bde16a4d30d2c04b37caf4e91cd39ad327532adb788c92	2026-12-03	\N
119	\\x7d3a334c9b6dcef640ce0908888936a7	k1	1	children_in_care	2026110101	2026-09-04		en	0	\\xac80fcec6a68bec9f0592abbb426afc84e541b6614fed10b6b62349b9e025486	2026-12-03	\N
120	\\xdbf582ded36825b192b21def9109d56c	k1	1	children_in_care	2026110101	2026-07-06		en	1	\\x26e7a9d97b44c6ccb0554d2e1dca624eb9b26706b85bcdb191ed369eafb099bd	2026-12-03	\N
121	\\xa18bb20514c862b0384eb1b0895a18ac	k2	1	how_was_today	2026110101	2026-07-15		en	0	\\x10517e6f503cca1ddd711a56e4e04e3086508ec2044a473f5fdaedff07306bb3	2026-12-03	\N
122	\\x53000a690b88a98629e0dc7b22e1f9a0	k2	1	how_was_today	2026110101	2026-08-19		en	1	\\xc45296a026906badb176a2c61175ec1cbf619c46013a2203a066b2c3f9a6f802	2026-12-03	\N
123	\\x609d744097e05b6221c1f20f8981540d	k2	1	how_was_today	2026110101	2026-09-05		en	0	\\x362aa71d86395ab0b8b87b1e752f6f692fff7b80c218638541156f4105c3fab5	2026-12-03	\N
124	\\x0c6c6f17b09c47270656a5041b47e329	k2	1	how_was_today	2026110101	2026-08-27		en	1	\\xb2cdd675d7ad8f8dd49f8a861ba4885b047460bbf241fd884e8270063fe8c87c	2026-12-03	\N
125	\\x0561b89ffab5dd01b495bc94652cbf24	k2	1	how_was_today	2026110101	2026-08-25		en	0	\\x5bc623e7a896c4d516112ab4e018e6dd99989cfe4c7631363b985b3f2c34d0b6	2026-12-03	\N
126	\\xa22f4c8cdfa001ce85cc16e379e8135d	k2	1	how_was_today	2026110101	2026-08-04		en	1	\\x94311eefb4f2d0e52b2f312d973607963fecd94b39d301bd79f1ae5d9bca83ce	2026-12-03	\N
127	\\x90365eabfbb3ecb97b8e652ba6cbae64	k2	1	how_was_today	2026110101	2026-07-26		en	1	\\xb7c7e656c1c4ef50bfb1ad96bd6a2ab3d0e0e05c963123a2f3a1840ca1b3402a	2026-12-03	\N
128	\\xa7dc6d0e9970e839b2b5d060112de164	k2	1	how_was_today	2026110101	2026-09-01		en	1	\\x6f33990221ec08c73b063bf12e7648565009cb139a0479443f710e942c9e2117	2026-12-03	\N
129	\\xd47d57abfd454179e3c0735852ab06ee	k2	1	how_was_today	2026110101	2026-07-18		en	0	\\x4f229a6b93eac837470317ec1f71b8cc248efc716a5cddde5cc8be48ca73f0d8	2026-12-03	\N
130	\\x820f0adc950867ca259204d1ba1d51f1	k2	1	how_was_today	2026110101	2026-08-21		en	0	\\x81b05cad85a5cf9333fe26a3300c4d604da8bff39b4294ffc0c7010ba33328bf	2026-12-03	\N
131	\\x199f40c550fa0218048e486a09997c84	k2	1	how_was_today	2026110101	2026-08-18		en	0	\\x717b369977430abdea8fc64d5d7eed8d2cf639bbc6bfe18b8c2ea706b8c72cba	2026-12-03	\N
132	\\xb25acee35090c4ab23a437aecca1f1f6	k2	1	how_was_today	2026110101	2026-09-13		en	0	\\x5131267ade9bb75c40a25f6b188a5ec183a12afac8aeb52cc91e9d9b77a5d8d0	2026-12-03	\N
133	\\x5d0a769da27b986f87887568cc6b9303	k2	1	how_was_today	2026110101	2026-09-12		en	0	\\x85ceac466d2a6cfc2d699495c38424d870a3bbf12081efecad0f1c4410f93e36	2026-12-03	\N
134	\\x77df53e05b188bcde50ccddf9dc22146	k2	1	how_was_today	2026110101	2026-07-31		en	0	\\x75a75721d105a6824e9bcf1c470331727ac0157c365c9b8dd74012c00505b9b5	2026-12-03	\N
135	\\x6230453d7624baae6b8682b104c5d65e	k2	1	how_was_today	2026110101	2026-09-18		en	0	\\x976f3e812ce7c5d2271a539ef6b96c3e3fb07c90eced44c311d8971607bc5d28	2026-12-03	\N
136	\\x11a992e08eb0bf3248f2b1c150954bf9	k2	1	how_was_today	2026110101	2026-08-29		en	0	\\x1706d607e351421907d8f10ec2f465525d78ed605512dbfb67c6b8d0489fb452	2026-12-03	\N
137	\\x43e2ee7aa9bae99332de01e91ef70ef5	k2	1	how_was_today	2026110101	2026-08-08		en	1	\\xbbc4dd3427a4241f2effb2b3af8eac7a76c5c6a396a17e545f7e612338428161	2026-12-03	\N
138	\\xe73127db0ba548dfb86a9397a8a199fb	k2	1	how_was_today	2026110101	2026-08-31		en	0	\\xe3df85286e62e740df468dd5f68dcb62a59e4f6f67bedd81dcbf71455991a6a2	2026-12-03	\N
139	\\x6dddbe8abae06c2ff2d9661a3d1b1cd1	k2	1	how_was_today	2026110101	2026-09-18		en	1	\\x64dbf4a24f52497870a5ecafca461f91545db58efb7e3fe741a9fc48b748933d	2026-12-03	\N
140	\\xa6988d02e736d822ccd9d77b6fdd1560	k2	1	how_was_today	2026110101	2026-09-13		en	0	\\x368e421309714c5c60add1035861f986d2b0e55a900a4c8b8c1cc9da4b09a8ba	2026-12-03	\N
141	\\xeee618f85445d110b722dd8f7b0a4881	k2	1	how_was_today	2026110101	2026-08-29		en	1	\\x76d67aa26af29cd70cca99e2dbfff853b137b7201f68b1833ac9497180dbcd96	2026-12-03	\N
142	\\xc78b69dfe38679a1609568a99199539e	k2	1	how_was_today	2026110101	2026-08-22		en	0	\\x33e3cfd217b35247bcb1e167f80dff57069daade269472a5d225c599cb50e73c	2026-12-03	\N
143	\\xa589194cf3b5dfe6e7ff66f366950f7d	k2	1	how_was_today	2026110101	2026-07-20		en	0	\\xe7adc210e7694fcec81b03cf1e2e51317237f2521841ca445ad4a27ee67f8480	2026-12-03	\N
144	\\xd09c35d57d416f983881afaeaa2cd5ea	k2	1	how_was_today	2026110101	2026-09-08		en	0	\\x4f19fbb0d7c2d7ef59927c6a157d64416bda3d4b12cd3cc38203b671b82b5340	2026-12-03	\N
145	\\x4d8b63743e96b9fad6097abdd63ab02a	k2	1	how_was_today	2026110101	2026-07-29		en	0	\\x5d70b327fc121e011f4a5cc81038fae546333723f975fd815d6ccd7ba64ae2ba	2026-12-03	\N
146	\\x8acaad72ca1b1a34f4a659840aa20171	k2	1	how_was_today	2026110101	2026-09-26		en	0	\\x88a3bf7cafcb62399b5eb72107a4caa44663e598d14f728632a24d151b00ea05	2026-12-03	\N
147	\\x8f0f200f1e6251f1fbf143e83146bc5c	k2	1	how_was_today	2026110101	2026-07-29		en	0	\\x20ddd529d15bb25f5cc524d5ee8a3c1eea9771633c945f8249bfb23ae42f04c8	2026-12-03	\N
148	\\x34dbc8248851421f32ed339f5b53ea3b	k2	1	how_was_today	2026110101	2026-08-05		en	1	\\x1175756daadf868d8eb8b584ef0a43617bbe701c25c1d3640e904f8d31c6146d	2026-12-03	\N
149	\\xb4a3e96c575a2d16986b494d0f08561f	k2	1	how_was_today	2026110101	2026-09-07		en	0	\\x13cc10583709b5f19ad0a6f49a01cd8fe7a562be563b1dd5e0d6bd4dbabf2391	2026-12-03	\N
150	\\x329e58ed4089583a401677162cf8b154	k2	1	how_was_today	2026110101	2026-08-07		en	1	\\xd2c68fa5a5461849ecbfaaa92b7230949b0deb3a9495a03bed054766f5f66c85	2026-12-03	\N
151	\\x10e766503faf241be2934c78bf70a62b	k2	1	how_was_today	2026110101	2026-07-13		en	1	\\xfe2846bb1669afbfb174d1015c260145be07d5e2fbb171d7c3ee22c637355392	2026-12-03	\N
152	\\x24426dfeaab0b0647283ffd49b455258	k2	1	how_was_today	2026110101	2026-08-29		en	1	\\xb8d1692724c1d807a4d551a793dd556708f07d17ca155f7a79f285fb3ee8cc28	2026-12-03	\N
153	\\x32c292107a5392453ffd3046b08b1c1e	k2	1	how_was_today	2026110101	2026-09-30		en	0	\\x16b15484b642dec79a985b86575f49b929aa31d7f884e01db7f9b5448a6f987c	2026-12-03	\N
154	\\x6c6a3d75d9724009364caeec7b9162d7	k2	1	how_was_today	2026110101	2026-09-06		en	0	\\x3d8354f06a724f2a0e8dd29c588613fc8a27c4d4295c60e0bd195c520f7d2411	2026-12-03	\N
155	\\x5a8c6816fbe5f0799f189e38fa0bd2cc	k2	1	how_was_today	2026110101	2026-09-02		en	0	\\x0817d19764f97b7e29bd79bddc3cabd390f76e91cb805ac7f3b98ec16848797e	2026-12-03	\N
156	\\xe299f7a11a11b60854315de68cf6b49e	k2	1	how_was_today	2026110101	2026-08-27		en	0	\\x1570648f4184e645a0ea49e378c820b06c4c8e93b506dcf46bc7634a9aaacb7c	2026-12-03	\N
157	\\xdd49930d21a76371ef4378208814c4f5	k2	1	how_was_today	2026110101	2026-09-05		en	1	\\x5885443c7192379ad8910e65a520ec0d9abfc5f6da4af862860dc38194584174	2026-12-03	\N
158	\\xd68515b4a42817fe6795eee1e4f2fd70	k2	1	how_was_today	2026110101	2026-07-02		en	0	\\x4b30733830c8aba31de2c1e74de3d0ff6a1d0b28f06f53e8a4fb66fb24206e8b	2026-12-03	\N
159	\\xcfa909a764efc372611f42f70214d80b	k2	1	how_was_today	2026110101	2026-08-21		en	0	\\x800b94b188748e8a5034be324d46a9b28c8a4b4a8a22d3b82ada0f95d0996304	2026-12-03	\N
160	\\x081def690d925dcb2e631a993c2ab527	k2	1	how_was_today	2026110101	2026-08-11		en	0	\\xf2be7872f85bea26d6d1dd2831d2352b41fe0eebfb9568078a2a2d5750b9a38b	2026-12-03	\N
161	\\xf3b6661e57590143aee0fb8486f87ad0	k2	1	how_was_today	2026110101	2026-09-13		en	0	\\xdc0c73e672297c30f84291f8c1533e8ad276cb4a860091b96ab76c2ca4404187	2026-12-03	\N
162	\\x0ac8f606282457fdff849acbf2f83df1	k2	1	how_was_today	2026110101	2026-09-16		en	0	\\x5d1416fdaaad83897585b8f482c63790ad7b20bc4b4f7d52963ba899ad1b1f84	2026-12-03	\N
163	\\xa960a3b27dd501e28c8491b6b6d0f716	k2	1	how_was_today	2026110101	2026-09-19		en	0	\\x48584a95fdf70e779ba0a2c9a3cc2a240bcc5b293978a653b1f6ad84617aa804	2026-12-03	\N
164	\\xe127b7b60ceb98e90fce59896f21727c	k2	1	how_was_today	2026110101	2026-08-01		en	1	\\x05ca35cbc6c98c0500f467e45e9684bf1d0556d1de5e96cacbb4ce0138ba976a	2026-12-03	\N
165	\\xeb184a7d3e24b24645cf3915cee78ec6	k2	1	how_was_today	2026110101	2026-07-19		en	0	\\x10d56c7e0e2155d17fb82e91a108e44a8d78e34bbe1037ceeb15ff500a12391c	2026-12-03	\N
166	\\x4f00a3d8258ff75adbc02f0b52c282fc	k2	1	how_was_today	2026110101	2026-08-30		en	0	\\x1e1455a1224f793491366d0ca0b66666023cfbffa2ccf9e44f0d5556cb608793	2026-12-03	\N
167	\\x6d183ca43d902c7591ece80cbdb83739	k2	1	how_was_today	2026110101	2026-08-21		en	0	\\xb17a164ce42fa6089ed959d1c4ae5a9849a68862ccae41edb406ddee19113520	2026-12-03	\N
168	\\x58b82d45e3e5a3b395e593dce286a8ba	k2	1	how_was_today	2026110101	2026-09-28		en	1	\\x933372468d74c18f27c58095aaf99e85d4951f2399e508905f2d64620adb6673	2026-12-03	\N
169	\\xfd7c12eb622a57c8befd9d9120a1d058	k2	1	how_was_today	2026110101	2026-09-07		en	0	\\x584a203ac3a83e137f34bd67b2d2643e1bd1cafb12fd8999d367a0192150bbc6	2026-12-03	\N
170	\\x7edf019bebcf5bc23e396aa0400ca49d	k2	1	how_was_today	2026110101	2026-09-08		en	0	\\x45854a7c39b9221befa3c8b257e955a6617675447c4c48b927b3a7613581b8da	2026-12-03	\N
171	\\xe3e00e74647979d8e2efc944875428de	k2	1	how_was_today	2026110101	2026-07-17		en	0	\\x9199f0a8508801ba24cca6153914264495a21ba5f44740885d9aece581149c9a	2026-12-03	\N
172	\\x2b3fe497110fe98db487ed252d2cbc2c	k2	1	how_was_today	2026110101	2026-09-25		en	1	\\x7fd6f76881bb3663b31ce5132536cddc66d53bb0ef68645dbc58760c6bd2e3d8	2026-12-03	\N
173	\\xf5c93aac44d117362cf800c0efb0d338	k2	1	how_was_today	2026110101	2026-09-18		en	1	\\x8e2519cc4fbf1782cbd0cd95b2768732fb4897125be09bad907977e6a3dce012	2026-12-03	\N
174	\\xd2bc665d5e2e272d4a10bcf91759dd4e	k2	1	how_was_today	2026110101	2026-07-14		en	1	\\x5adaea20e9ce889133db1b706ff4bdef3718a76031b0565844185a8b47789e77	2026-12-03	\N
175	\\x7f7bd887bf9ffa5cd694b0e44c5be0ca	k2	1	how_was_today	2026110101	2026-09-15		en	0	\\x57d6258e84046a23eb17bd2f2ed91acf9cfca96da7121776b478982f6f70d384	2026-12-03	\N
176	\\x4aa0a1cc5658bc647d9dec2ac9cea9f9	k2	1	how_was_today	2026110101	2026-07-25		en	1	\\xcb5527c39eb82f94ce3f66d065724089c79e6aeb0f32bca048f44e0e259c1ab9	2026-12-03	\N
177	\\x35df1328c13078ac4884367d6f2c7469	k2	1	how_was_today	2026110101	2026-07-08		en	0	\\x412b97cf70e7b00df6960b3fd2a80567070098cdf67e92a938928f5ec9a91e6a	2026-12-03	\N
178	\\xc22b73377d6b9956cdc0719d444f47ed	k2	1	how_was_today	2026110101	2026-07-13		en	1	\\x1ea436aec61503a37d3fefba5eab025f61609236d0b30d5661d6b596241da899	2026-12-03	\N
179	\\xb25ec70d509c976aa0105a37b36c1193	k2	1	how_was_today	2026110101	2026-09-09		en	0	\\xb4dc2c1e0c1afcb805379a082e22bf09314612afb31c7031ea07ce70946b5244	2026-12-03	\N
180	\\xb493a6e2ffb4083009fb078742e6a8be	k2	1	how_was_today	2026110101	2026-07-02		en	0	\\x6c56505bc25d1fa5980e19346d88e89ddddd5047a4c1bc1bf31746bcb9f7bb99	2026-12-03	\N
181	\\xb51e3c173c0e822fe3740e158a6968d2	k2	1	how_was_today	2026110101	2026-07-29		en	0	\\xd4fa1050cae17bec3111c20b19a17f4fff35030ef607dd40fb9d90000a2de5f2	2026-12-03	\N
182	\\x485b12991908c214e70e237b7955f3bf	k2	1	how_was_today	2026110101	2026-07-04		en	0	\\x18a419203ce2022d2561fe721e1b43ba4311ab1827c5eaee2eb885bb04939706	2026-12-03	\N
183	\\x45ea06094afdd88f6118acb3d9723b7a	k2	1	how_was_today	2026110101	2026-07-25		en	0	\\xbc6d4cd54915e34979bb69d9fb4a4e9f6dc643d410312e315b1493ad5e395e66	2026-12-03	\N
184	\\x4718acad03acc8b1ce52bd08a06f6dfc	k2	1	how_was_today	2026110101	2026-09-09		en	0	\\x591a1d4f98db4ff6fc4205dff48c601f98005732424f376ec36341219d75fa2b	2026-12-03	\N
185	\\x27f2f50779989e1a92561ece74fe1ad3	k2	1	how_was_today	2026110101	2026-07-07		en	0	\\xc1a0b08215127f68b54bee785e44b84730b20ed637420497d710a3a6b8b7888a	2026-12-03	\N
186	\\x1bdfd1d6ec3da9314b3eae179745a327	k2	1	how_was_today	2026110101	2026-08-30		en	1	\\x31fc596f663cc012729d570938ddf51558a5df2e1324bd1562b2f6e90787154d	2026-12-03	\N
187	\\x4b47803587bcb177601b0a0bc0be7386	k2	1	how_was_today	2026110101	2026-07-10		en	0	\\x055b961254021ea101bf8b7571c523b4963c6de5d8d2ecfe5b01ff8ef5d29049	2026-12-03	\N
188	\\x7fd724d7d907b8924dde36cc548efb25	k2	1	how_was_today	2026110101	2026-08-29		en	0	\\x7a3f72c015e1503bec0bc736cdfe56018edc9d9f6e0812fccd8fab956dd1262e	2026-12-03	\N
189	\\xf5615ab501284ac685c869e7872607fa	k2	1	how_was_today	2026110101	2026-07-12		en	0	\\x88bfbcb93f1cf3c867fc350afa2de35c1c20467dc9049dee765a1f0446918aa3	2026-12-03	\N
190	\\x2ea60afa843e2b644e6c5ecce9657b45	k2	1	how_was_today	2026110101	2026-07-04		en	1	\\x87d70ba4a7c1e4ce84b75259fe20af63cd1ba9bd6e8a21bdbaf21c331881c233	2026-12-03	\N
191	\\x1a8a078081b75862c4783127feb00d6a	k2	1	how_was_today	2026110101	2026-08-08		en	0	\\x4b874d07a699568a29395ae3f8f5a0f5fa334453e49c91809d4732f1d22c531b	2026-12-03	\N
192	\\xd85a6e894073dc72047335f3c18571ee	k2	1	how_was_today	2026110101	2026-08-21		en	0	\\xc0a2e1263882dfc826d4ef1cb9d713baa4ba97076327ca71ecb2cdafb0b84e46	2026-12-03	\N
193	\\x81e7faf5563b53c12d1a49d27c07d275	k2	1	how_was_today	2026110101	2026-09-27		en	1	\\x32f1cda3e793a24112c8eee489720acfb0b0a5ca9d4c2b1fda81baf9c36604d3	2026-12-03	\N
194	\\x8d18854505ee138f842c395210e8b461	k2	1	how_was_today	2026110101	2026-07-18		en	0	\\xcf3edaaf370cadb895fe3acd373a9941ac3aaf83c86c63c7c996e4882bd4cae5	2026-12-03	\N
195	\\x7c57e50450204ad3cde5004e8472a358	k2	1	how_was_today	2026110101	2026-08-16		en	1	\\x1cfe8831d6d844d6dcbb63fc28a79150b44f9a3ea5143b570c5602588b616168	2026-12-03	\N
196	\\x70a5e57c031112279686efb873ffb265	k2	1	how_was_today	2026110101	2026-07-15		en	0	\\xf817d72bfe15a17980c6859348137c4c29f0808ea5557532f78abdd3560f7a75	2026-12-03	\N
197	\\x530a28f0cd895a5bf859ef0f0ec69524	k2	1	how_was_today	2026110101	2026-08-17		en	1	\\x4b20e963d050416f74eded84d26c0229bdd6f54f5981ed23aee1620bb26507ab	2026-12-03	\N
198	\\x894e7fc7d0a5ac757ccb38fe71da8cff	k2	1	how_was_today	2026110101	2026-09-05		en	0	\\x0b01ac58ebe4ac1c579f707f8d8d18bf497aa79d63623afd1c7b235775c91fef	2026-12-03	\N
199	\\xae95d62764b1a7f1bfc427934f2cc899	k2	1	how_was_today	2026110101	2026-08-13		en	1	\\x2b156474f371f46132b77d70ee684680c982ca0499821f64b4ea0a7fd1f8f905	2026-12-03	\N
200	\\x62ca1bd662ca9acefe5d5031858cf9f2	k2	1	how_was_today	2026110101	2026-09-07		en	0	\\x5ca2ef42492eeff40130da3519e8b56cc010bce8a1a4cf561eee2f10c9defd8f	2026-12-03	\N
\.


--
-- Data for Name: withdrawal; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.withdrawal (code, how, asked_on, done_on) FROM stdin;
\.


--
-- Name: help_request_rowid_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.help_request_rowid_seq', 1, false);


--
-- Name: publication_run_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.publication_run_seq', 1, false);


--
-- Name: published_figure_rowid_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.published_figure_rowid_seq', 1, false);


--
-- Name: response_ref_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.response_ref_seq', 1, false);


--
-- Name: answer answer_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.answer
    ADD CONSTRAINT answer_pkey PRIMARY KEY (response, question, pos);


--
-- Name: bundle bundle_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bundle
    ADD CONSTRAINT bundle_pkey PRIMARY KEY (kiosk, seq, digest);


--
-- Name: help_request help_request_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.help_request
    ADD CONSTRAINT help_request_pkey PRIMARY KEY (kiosk, id);


--
-- Name: kiosk kiosk_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kiosk
    ADD CONSTRAINT kiosk_pkey PRIMARY KEY (name);


--
-- Name: kiosk kiosk_public_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.kiosk
    ADD CONSTRAINT kiosk_public_key_key UNIQUE (public_key);


--
-- Name: publication publication_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.publication
    ADD CONSTRAINT publication_pkey PRIMARY KEY (run);


--
-- Name: published_figure published_figure_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.published_figure
    ADD CONSTRAINT published_figure_pkey PRIMARY KEY (run, series, first_day, last_day);


--
-- Name: quarantine quarantine_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.quarantine
    ADD CONSTRAINT quarantine_pkey PRIMARY KEY (kiosk, id, digest);


--
-- Name: receipt_code receipt_code_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.receipt_code
    ADD CONSTRAINT receipt_code_pkey PRIMARY KEY (code);


--
-- Name: response response_id_kiosk_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.response
    ADD CONSTRAINT response_id_kiosk_key UNIQUE (id, kiosk);


--
-- Name: response response_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.response
    ADD CONSTRAINT response_pkey PRIMARY KEY (ref);


--
-- Name: withdrawal withdrawal_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.withdrawal
    ADD CONSTRAINT withdrawal_pkey PRIMARY KEY (code);


--
-- Name: response_counted_form_day; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX response_counted_form_day ON public.response USING btree (form_id, day) WHERE (aside IS NULL);


--
-- Name: response_kiosk; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX response_kiosk ON public.response USING btree (kiosk);


--
-- Name: answer answer_response_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.answer
    ADD CONSTRAINT answer_response_fkey FOREIGN KEY (response) REFERENCES public.response(ref);


--
-- Name: bundle bundle_kiosk_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.bundle
    ADD CONSTRAINT bundle_kiosk_fkey FOREIGN KEY (kiosk) REFERENCES public.kiosk(name);


--
-- Name: published_figure published_figure_run_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.published_figure
    ADD CONSTRAINT published_figure_run_fkey FOREIGN KEY (run) REFERENCES public.publication(run);


--
-- Name: response response_kiosk_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.response
    ADD CONSTRAINT response_kiosk_fkey FOREIGN KEY (kiosk) REFERENCES public.kiosk(name);


--
-- PostgreSQL database dump complete
--

\unrestrict cSeIbXSbvPmxnkHgwAEPOX4DNJvFD0BKLgigYsoM0HzU4FdGz5GK9cTxfAHBsXo

