/** Pages of a PDF written by the pack renderer (counts page objects; used by the bench and the register). */
export function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}
