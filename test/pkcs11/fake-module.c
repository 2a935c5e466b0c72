/* A PKCS#11 module that misbehaves on demand (FAKE_P11_MODE), for crash, hang and removal tests. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <p11-kit/pkcs11.h>
static CK_FUNCTION_LIST fl;
static const char *mode(void) { const char *m = getenv("FAKE_P11_MODE"); return m ? m : ""; }
static CK_RV init(void *a) { (void)a; return CKR_OK; }
static CK_RV fin(void *a) { (void)a; return CKR_OK; }
static CK_RV info(CK_INFO *i) { memset(i, ' ', sizeof *i); i->cryptokiVersion.major = 2; i->cryptokiVersion.minor = 40; i->flags = 0; i->libraryVersion.major = 1; i->libraryVersion.minor = 0; return CKR_OK; }
static CK_RV slots(CK_BBOOL present, CK_SLOT_ID *list, CK_ULONG *count) {
	(void)present; (void)list;
	if (!strcmp(mode(), "removed")) return CKR_DEVICE_REMOVED;
	if (!strcmp(mode(), "crash-later")) abort();
	if (!strcmp(mode(), "hang-later")) for (;;) sleep(1);
	*count = 0; return CKR_OK;
}
CK_RV C_GetFunctionList(CK_FUNCTION_LIST **p) {
	if (!strcmp(mode(), "crash")) { volatile int *z = 0; *z = 1; }
	if (!strcmp(mode(), "hang")) for (;;) sleep(1);
	memset(&fl, 0, sizeof fl);
	fl.version.major = 2; fl.version.minor = 40;
	fl.C_Initialize = init; fl.C_Finalize = fin; fl.C_GetInfo = info; fl.C_GetSlotList = slots;
	*p = &fl; return CKR_OK;
}
