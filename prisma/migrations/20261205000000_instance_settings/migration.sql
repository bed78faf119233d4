-- Facts about this installation shared by every instance: the master-key check.
CREATE TABLE "InstanceSetting" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "InstanceSetting_pkey" PRIMARY KEY ("name")
);
