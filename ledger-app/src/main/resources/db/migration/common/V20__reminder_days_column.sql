-- An expiry reminder's step named its package and its days before the expiry in one string ("PKG-000001:30"),
-- split on ':' where it ran. The days are now a column of their own; the reference is the package alone. Every
-- other step has days_before 0. The uniqueness of a step takes the new column in.
ALTER TABLE scheduled_step ADD COLUMN days_before INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE scheduled_step DROP CONSTRAINT uk_scheduled_step;
UPDATE scheduled_step SET days_before = CAST(SUBSTRING(ref, POSITION(':' IN ref) + 1) AS INTEGER),
    ref = SUBSTRING(ref, 1, POSITION(':' IN ref) - 1)
    WHERE kind = 'EXPIRY_REMINDER' AND POSITION(':' IN ref) > 0;
ALTER TABLE scheduled_step ADD CONSTRAINT uk_scheduled_step UNIQUE (account_id, kind, ref, days_before);
