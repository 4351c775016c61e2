-- The municipality a municipal body belongs to ("gori"), so that statistics can be read per
-- municipality. National bodies have none. The seeds fill it each time they are loaded.
ALTER TABLE public_bodies ADD COLUMN municipality text NULL;
